//===--- CallerIndex.cpp - Who calls a function, and with what -----------===//

#include "CallerIndex.h"
#include "QualifiedNameMatcher.h"
#include "StmtHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

namespace {

/// Every reference to a function in the translation unit, system headers
/// and template instantiations included (a lambda handed to std::invoke is
/// called there), and the call each callee reference makes.
class CallerScan : public RecursiveASTVisitor<CallerScan> {
public:
  using ReferenceMap =
      llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 2>>;
  using CallMap = llvm::DenseMap<const Expr *, const CallExpr *>;

  CallerScan(ReferenceMap &References, CallMap &CallOf)
      : References(References), CallOf(CallOf) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    if (const Expr *Callee = Call->getCallee())
      CallOf[Callee->IgnoreParenImpCasts()] = Call;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    return reference(Ref, Ref->getDecl());
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    return reference(Member, Member->getMemberDecl());
  }

private:
  bool reference(const Expr *E, const ValueDecl *Decl) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Decl))
      References[Function->getCanonicalDecl()].push_back(E);
    return true;
  }

  ReferenceMap &References;
  CallMap &CallOf;
};

} // namespace

bool isFixedSizeInitializer(const Expr *E) {
  E = skipTemporaries(E);
  if (isa<InitListExpr, CXXStdInitializerListExpr>(E))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           isa<CXXStdInitializerListExpr>(
               skipTemporaries(Construct->getArg(0)));
  return false;
}

bool hasFixedSize(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isConstantArrayType())
    return true;
  if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
    return catalogName(Record) == "std::array";
  return false;
}

bool isFixedArgument(const Expr *Arg, const ASTContext &Context) {
  if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg))
    Arg = Default->getExpr();
  if (Arg->isValueDependent())
    return false;
  if (isFixedSizeInitializer(Arg) || hasFixedSize(Arg->getType()))
    return true;
  Expr::EvalResult Value;
  return Arg->EvaluateAsRValue(Value, Context) && !Value.HasSideEffects;
}

bool CallerIndex::fixedAtEveryCall(const ParmVarDecl &Parm,
                                   ASTContext &Context) {
  const auto *Function = dyn_cast<FunctionDecl>(Parm.getDeclContext());
  if (!Function)
    return false;
  // Calls from other translation units are not seen: only a function of
  // the main file is judged by its callers, and not a virtual one, which
  // is called through its base.
  const SourceManager &SM = Context.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(Function->getLocation())))
    return false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && Method->isVirtual())
    return false;
  if (!Indexed) {
    Indexed = true;
    CallerScan(References, CallOf)
        .TraverseDecl(Context.getTranslationUnitDecl());
  }
  auto Referenced = References.find(Function->getCanonicalDecl());
  if (Referenced == References.end())
    return false;
  return llvm::all_of(Referenced->second, [&](const Expr *Reference) {
    auto Found = CallOf.find(Reference);
    if (Found == CallOf.end())
      return false;
    const CallExpr *Call = Found->second;
    // An operator call (a lambda's) passes the object as argument 0.
    const unsigned Index =
        Parm.getFunctionScopeIndex() +
        (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Function) ? 1
                                                                        : 0);
    return Index < Call->getNumArgs() &&
           isFixedArgument(Call->getArg(Index), Context);
  });
}

void CallerIndex::reset() {
  Indexed = false;
  References.clear();
  CallOf.clear();
}

} // namespace clang::tidy::async::utils
