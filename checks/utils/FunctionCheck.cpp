//===--- FunctionCheck.cpp ------------------------------------------------===//

#include "FunctionCheck.h"
#include "CoroutineUtils.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async::utils {

namespace {

/// One custom matcher rather than a composition: each matcher clang
/// evaluates costs a traversal-kind scope and a node-kind test on every
/// function of the translation unit.
AST_MATCHER(FunctionDecl, isDefinitionOutsideSystemHeaders) {
  if (!Node.isThisDeclarationADefinition())
    return false;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Node.getBeginLoc()));
}

} // namespace

void SharedFunctionMatcher::add(FunctionCheck &Check, Definitions Kind) {
  Subscribers.push_back({&Check, Kind});
}

void SharedFunctionMatcher::remove(const FunctionCheck &Check) {
  llvm::erase_if(Subscribers,
                 [&](const Subscriber &S) { return S.Check == &Check; });
}

void SharedFunctionMatcher::run(const MatchFinder::MatchResult &Result) {
  const auto &Function =
      *Result.Nodes.getNodeAs<FunctionDecl>(AnalysedFunction);
  const bool IsCoroutine = Function.doesThisDeclarationHaveABody() &&
                           userWrittenCoroutineBody(Function) != nullptr;
  const bool IsUserFunction = !Function.isImplicit() && !Function.isDefaulted();
  for (const Subscriber &S : Subscribers) {
    if (S.Kind == Definitions::Coroutines ? !IsCoroutine : !IsUserFunction)
      continue;
    // ClangTidyCheck::run is private in the check but public in the
    // callback interface; it calls check().
    static_cast<MatchFinder::MatchCallback &>(*S.Check).run(Result);
  }
}

void SharedFunctionMatcher::onStartOfTranslationUnit() {
  for (const Subscriber &S : Subscribers)
    S.Check->onStartOfTranslationUnit();
}

void SharedFunctionMatcher::onEndOfTranslationUnit() {
  for (const Subscriber &S : Subscribers)
    S.Check->onEndOfTranslationUnit();
  for (const Subscriber &S : Subscribers)
    S.Check->afterEndOfTranslationUnit();
}

std::shared_ptr<SharedFunctionMatcher>
FunctionMatcherRegistry::matcherFor(MatchFinder &Finder) {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::weak_ptr<SharedFunctionMatcher> &Slot = ByFinder[&Finder];
  if (std::shared_ptr<SharedFunctionMatcher> Existing = Slot.lock())
    return Existing;
  // A finder at the address of one that is gone is a new finder; the slots
  // of finders that are gone are dropped here, so the map stays small.
  for (auto It = ByFinder.begin(); It != ByFinder.end();) {
    auto Current = It++;
    if (Current->first != &Finder && Current->second.expired())
      ByFinder.erase(Current);
  }
  auto Matcher = std::make_shared<SharedFunctionMatcher>();
  Finder.addMatcher(
      functionDecl(isDefinitionOutsideSystemHeaders()).bind(AnalysedFunction),
      Matcher.get());
  ByFinder[&Finder] = Matcher;
  return Matcher;
}

FunctionCheck::~FunctionCheck() {
  if (Matcher)
    Matcher->remove(*this);
}

void FunctionCheck::matchDefinitions(MatchFinder *Finder, Definitions Kind) {
  // A check made outside the module's factories gets a matcher of its own.
  if (!Registry)
    Registry = std::make_shared<FunctionMatcherRegistry>();
  Matcher = Registry->matcherFor(*Finder);
  Matcher->add(*this, Kind);
}

} // namespace clang::tidy::async::utils
