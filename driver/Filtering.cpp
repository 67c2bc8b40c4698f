//===--- Filtering.cpp - Which findings a run reports ---------------------===//

#include "Filtering.h"

#include "DecideFindings.h"
#include "Suppressions.h"
#include "WholeProject.h"

#include "utils/ConditionalFindings.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

namespace async_lint::driver {

using clang::tidy::ClangTidyError;

namespace {

/// Paths compared with git's, which resolves symbolic links.
std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
}

} // namespace

std::string FindingFilter::notAnalysedReason(const FileResult &Result) {
  if (Result.CompilerErrors)
    return "it does not compile";
  // An unmatched NOLINTBEGIN or NOLINTEND: clang-tidy fails the file, and
  // which of its findings are meant to be suppressed is unknown.
  auto Unmatched = llvm::find_if(Result.Errors, [](const ClangTidyError &E) {
    return E.DiagnosticName == "clang-tidy-nolint";
  });
  if (Unmatched == Result.Errors.end())
    return {};
  unsigned Line =
      Lines.position(Unmatched->Message.FilePath, Unmatched->Message.FileOffset)
          .Line;
  return Unmatched->Message.Message + " (line " + std::to_string(Line) + ")";
}

bool FindingFilter::onChangedLine(const Finding &F) const {
  return !Settings.Changed ||
         Settings.Changed->contains(realPath(F.At.File), F.At.Line);
}

std::vector<Finding>
FindingFilter::kept(std::vector<Finding> Found,
                    const llvm::StringMap<Severity> &Severities) {
  // In the order found: of several findings on equal lines, the first ones
  // take the entries and the rest are new.
  if (Settings.Known)
    for (const Finding &F : Found)
      if (onChangedLine(F)) {
        auto [It, First] = InBaseline.try_emplace(identity(F), false);
        if (First)
          It->second = Settings.Known->consume(F, Settings.BaselineDirectory);
      }
  std::vector<Finding> Kept;
  for (Finding &F : Found) {
    F.Level = severityOfCheck(F.Check, Severities);
    if (!onChangedLine(F))
      continue;
    const bool Old = Settings.Known && InBaseline[identity(F)];
    // Rewriting a baseline keeps the old findings still present only, so it
    // never grows new ones.
    if (!Settings.WriteBaseline.empty() && (!Settings.Known || Old))
      Recorded.push_back(F);
    if (!Old && Seen.insert(identity(F)).second)
      Kept.push_back(std::move(F));
  }
  return Kept;
}

void FindingFilter::add(FileResult &Result, Report &R, FixPlan &Fixes) {
  if (!Result.Problem.empty()) {
    R.NotAnalysed.emplace_back(Result.File, Result.Problem);
    return;
  }
  if (std::string Reason = notAnalysedReason(Result); !Reason.empty())
    R.NotAnalysed.emplace_back(Result.File, std::move(Reason));
  else
    ++R.FilesAnalysed;

  static const llvm::StringMap<Severity> NoSeverities;
  auto Project = ProjectConfigs.forFile(Result.AbsolutePath);
  if (!Project)
    llvm::consumeError(Project.takeError()); // Reported before the run.
  std::vector<Finding> Found =
      kept(Result.Cached ? std::move(*Result.Cached)
                         : findingsOf(Result.Errors, Lines),
           Project && *Project ? (*Project)->Severities : NoSeverities);
  if (Settings.ReportUnusedSuppressions && Settings.WriteBaseline.empty() &&
      !Result.CompilerErrors)
    for (Finding &Unused : unusedSuppressions(Result))
      Found.push_back(std::move(Unused));
  std::vector<Finding> Messages = compilerMessagesOf(Result.Errors, Lines);

  // As clang-tidy: a file that does not compile is not fixed unless asked.
  const bool MayFix = !Result.CompilerErrors || Settings.FixErrors;
  if (Settings.Fix && !MayFix)
    llvm::WithColor::error(llvm::errs(), "async-lint")
        << "'" << Result.File
        << "' does not compile, so no fix was applied to it "
           "(--fix-errors applies them anyway)\n";
  if ((Settings.Fix || Settings.FixErrors) && MayFix &&
      Settings.WriteBaseline.empty()) {
    std::string Style = Result.Context->getOptionsForFile(Result.AbsolutePath)
                            .FormatStyle.value_or("none");
    for (std::vector<Finding> *Shown : {&Found, &Messages})
      for (Finding &F : *Shown)
        Fixes.add(F, Style);
  }
  for (Finding &F : Found)
    R.Findings.push_back(std::move(F));
  for (Finding &F : Messages)
    R.CompilerMessages.push_back(std::move(F));
}

// Each file with suppressions is analysed again with its NOLINT markers made
// inert; a marker that covers none of the new findings is stale.
std::vector<Finding>
FindingFilter::unusedSuppressions(const FileResult &Result) {
  std::vector<Finding> Unused;
  auto Buffer = llvm::MemoryBuffer::getFile(Result.AbsolutePath);
  if (!Buffer)
    return Unused;
  llvm::StringRef Text = (*Buffer)->getBuffer();
  std::vector<Suppression> Suppressions =
      findSuppressions(Result.AbsolutePath, Text, Lines);
  if (Suppressions.empty())
    return Unused;
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Unsuppressed(
      new llvm::vfs::InMemoryFileSystem);
  Unsuppressed->addFile(
      Result.AbsolutePath, 0,
      llvm::MemoryBuffer::getMemBufferCopy(withoutSuppressions(Text)));
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem()));
  FS->pushOverlay(Unsuppressed);
  // The first analysis decided the findings in other files after the
  // merge; this one decides them with the same facts.
  OptionsProviderFactory Providers =
      Facts ? withCheckOption(MakeOptionsProvider,
                              facts::ConditionalFindingsOption, "true")
            : MakeOptionsProvider;
  clang::tidy::ClangTidyContext Context(Providers(Result.AbsolutePath));
  std::vector<clang::tidy::ClangTidyError> Errors =
      runChecks(Context, Compilations, Result.AbsolutePath, FS, false);
  if (Facts)
    FindingDecider(*Facts).decide(Errors);
  std::vector<Finding> Unfiltered = findingsOf(Errors, Lines);
  for (const Suppression &S : Suppressions) {
    if (suppressesAny(S, Unfiltered))
      continue;
    Finding F;
    F.Check = "async-lint-unused-suppression";
    F.Level = Severity::Warning;
    F.Message = "'" + S.Text + "' suppresses no finding; remove it";
    F.At = S.At;
    F.End = Lines.tokenEnd(S.At);
    F.LineText = Lines.lineText(S.At.File, S.At.Line);
    Unused.push_back(std::move(F));
  }
  return Unused;
}

} // namespace async_lint::driver
