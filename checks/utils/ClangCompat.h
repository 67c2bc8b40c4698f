//===--- ClangCompat.h - What differs between supported LLVMs ---*- C++ -*-===//
//
// async-lint builds against LLVM 19 and LLVM 22 from the same sources. Every
// API difference between them is bridged here, so that the checks and the
// driver read the same on both and the next version has one place to change.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CLANGCOMPAT_H
#define ASYNC_LINT_CHECKS_UTILS_CLANGCOMPAT_H

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#if LLVM_VERSION_MAJOR != 19 && LLVM_VERSION_MAJOR != 22
#error                                                                         \
    "async-lint supports LLVM 19 and LLVM 22 (see checks/utils/ClangCompat.h)"
#endif

// LLVM 22 moved the module registry into ClangTidyModule.h and deprecates
// this header with a #warning.
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::async::compat {

// LLVM 22 added query-based custom checks; async-lint enables none of them.
inline std::vector<std::string>
enabledCheckNames(const ClangTidyOptions &Options) {
#if LLVM_VERSION_MAJOR >= 22
  return getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                       /*ExperimentalCustomChecks=*/false);
#else
  return getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
#endif
}

inline ClangTidyOptions::OptionMap
enabledCheckOptions(const ClangTidyOptions &Options) {
#if LLVM_VERSION_MAJOR >= 22
  return getCheckOptions(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                         /*ExperimentalCustomChecks=*/false);
#else
  return getCheckOptions(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
#endif
}

/// The type a class declares. LLVM 22 no longer keeps it in the declaration
/// (getTypeForDecl is deleted for classes); the AST context makes it.
inline QualType typeOfRecord(const CXXRecordDecl *Record) {
#if LLVM_VERSION_MAJOR >= 22
  return Record->getASTContext().getCanonicalTagType(Record);
#else
  return QualType(Record->getTypeForDecl(), 0);
#endif
}

/// Where a call begins as written. For a call of a function object
/// (`start_detached(sender)`), LLVM 22's CXXOperatorCallExpr::getBeginLoc
/// is the '(' rather than the object; the object's start is where LLVM 19
/// and the user put it.
inline SourceLocation callBeginLoc(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call &&
      Operator->getNumArgs() > 0)
    return Operator->getArg(0)->getBeginLoc();
  return Call.getBeginLoc();
}

/// Diagnostic options that live as long as their holder, handed to a
/// DiagnosticsEngine and a TextDiagnostic as each LLVM takes them: shared
/// (LLVM 19) or by reference (LLVM 22).
class HeldDiagnosticOptions {
public:
  HeldDiagnosticOptions() : Options(new DiagnosticOptions) {}
  DiagnosticOptions *operator->() { return &*Options; }
#if LLVM_VERSION_MAJOR >= 22
  DiagnosticOptions &forEngine() { return *Options; }
  DiagnosticOptions &forPrinter() { return *Options; }

private:
  std::unique_ptr<DiagnosticOptions> Options;
#else
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> forEngine() { return Options; }
  DiagnosticOptions *forPrinter() { return Options.get(); }

private:
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> Options;
#endif
};

/// A diagnostics engine that reports to Consumer, made the context's as
/// clang-tidy's own runClangTidy does (LLVM 22 has the context keep the
/// engine's options).
inline std::unique_ptr<DiagnosticsEngine>
attachDiagnostics(ClangTidyContext &Context, DiagnosticConsumer &Consumer) {
#if LLVM_VERSION_MAJOR >= 22
  auto Options = std::make_unique<DiagnosticOptions>();
  auto Engine = std::make_unique<DiagnosticsEngine>(
      DiagnosticIDs::create(), *Options, &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(Options), Engine.get());
#else
  auto Engine = std::make_unique<DiagnosticsEngine>(
      new DiagnosticIDs, new DiagnosticOptions, &Consumer,
      /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(Engine.get());
#endif
  return Engine;
}

/// Makes Path absolute against Directory (LLVM 22 moved this from
/// llvm::sys::fs to llvm::sys::path).
inline void makeAbsolute(const llvm::Twine &Directory,
                         llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(Directory, Path);
#else
  llvm::sys::fs::make_absolute(Directory, Path);
#endif
}

} // namespace clang::tidy::async::compat

#endif // ASYNC_LINT_CHECKS_UTILS_CLANGCOMPAT_H
