//===--- BlockingCallSites.cpp - async-blocking-call's call sites ---------===//

#include "BlockingCallSites.h"
#include "utils/CoroutineUtils.h"

#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async::blocking_call {

namespace {

/// A declaration's name as written in code, quoted: qualified, without the
/// template arguments of a specialization (which may name a lambda's type)
/// and without anonymous or inline namespaces.
std::string quotedName(const NamedDecl &Decl, const ASTContext &Context) {
  PrintingPolicy Policy = Context.getPrintingPolicy();
  Policy.SuppressUnwrittenScope = true;
  Policy.AnonymousTagLocations = false;
  std::string Name;
  llvm::raw_string_ostream Out(Name);
  Out << '\'';
  Decl.printQualifiedName(Out, Policy);
  Out << '\'';
  return Name;
}

} // namespace

void collectEvaluatedCalls(const FunctionDecl &Definition,
                           EvaluatedCallCollector &Collector) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Definition))
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      const Expr *Value = Init->getInit();
      // A default member initializer is written at the member.
      if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Value))
        Value = Default->getExpr();
      if (Value)
        Collector.TraverseStmt(const_cast<Expr *>(Value));
    }
  Collector.TraverseStmt(Definition.getBody());
}

std::string spelledTypeOf(const CXXConstructExpr &Construct,
                          const EvaluatedCallCollector &Collector,
                          const ASTContext &Context) {
  const TypeSourceInfo *Written = nullptr;
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(&Construct))
    Written = Temporary->getTypeSourceInfo();
  else if (auto It = Collector.InitializedVariables.find(&Construct);
           It != Collector.InitializedVariables.end())
    Written = It->second->getTypeSourceInfo();
  if (Written) {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(Written->getTypeLoc().getSourceRange());
    StringRef Text = Lexer::getSourceText(Range, Context.getSourceManager(),
                                          Context.getLangOpts());
    if (!Text.empty() && Text != "auto" && !Text.contains('\n'))
      return Text.str();
  }
  return Construct.getType().getAsString(Context.getPrintingPolicy());
}

SourceLocation siteLocation(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getLocation();
  if (isa<CXXMemberCallExpr>(E))
    return E->getExprLoc();
  return E->getBeginLoc();
}

std::string functionName(const FunctionDecl &Function,
                         const ASTContext &Context, StringRef Lambda) {
  if (utils::isLambdaCallOperator(Function))
    return Lambda.str();
  return quotedName(Function, Context);
}

std::string followedName(const FunctionDecl &Callee, const ASTContext &Context,
                         StringRef Lambda) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Callee))
    return quotedName(*Constructor->getParent(), Context);
  return functionName(Callee, Context, Lambda);
}

} // namespace clang::tidy::async::blocking_call
