//===--- MergeSummaries.cpp - async-lint merge-summaries ------------------===//

#include "MergeSummaries.h"

#include "utils/AtomicFile.h"
#include "utils/ProjectFacts.h"

namespace async_lint::driver {

namespace {

constexpr llvm::StringLiteral Usage =
    "usage: async-lint merge-summaries [-o FILE] INPUT...\n"
    "  Merges the project facts that the checks wrote for each translation\n"
    "  unit (option async-lint.FactsDirectory) into one file, which the\n"
    "  checks read with option async-lint.ProjectFacts. An INPUT is a facts\n"
    "  file or a directory of them (*.json). Without -o the merged facts go\n"
    "  to standard output. Exit code 0, or 2 when an input could not be read\n"
    "  (the others are merged all the same).\n";

} // namespace

bool mergeSummaries(const std::vector<std::string> &Inputs,
                    llvm::StringRef Output, std::vector<std::string> &Problems,
                    size_t *Functions) {
  facts::ProjectFacts Project = facts::mergeFiles(Inputs, Problems);
  if (Functions)
    *Functions = Project.functionCount();
  if (llvm::Error E = writeFileAtomically(Output, Project.toJson())) {
    Problems.push_back(llvm::toString(std::move(E)));
    return false;
  }
  return true;
}

int mergeSummariesCommand(llvm::ArrayRef<const char *> Arguments,
                          llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  std::string Output;
  std::vector<std::string> Inputs;
  for (size_t I = 0; I < Arguments.size(); ++I) {
    llvm::StringRef Argument = Arguments[I];
    if (Argument == "-h" || Argument == "--help") {
      Out << Usage;
      return 0;
    }
    if (Argument == "-o" || Argument == "--output") {
      if (I + 1 == Arguments.size()) {
        Err << "async-lint: error: " << Argument << " needs a file name\n"
            << Usage;
        return 2;
      }
      Output = Arguments[++I];
    } else if (Argument.consume_front("--output=")) {
      Output = Argument.str();
    } else if (Argument.starts_with("-") && Argument != "-") {
      Err << "async-lint: error: merge-summaries has no option '" << Argument
          << "'\n"
          << Usage;
      return 2;
    } else {
      Inputs.push_back(Argument.str());
    }
  }
  if (Inputs.empty()) {
    Err << "async-lint: error: merge-summaries needs at least one input\n"
        << Usage;
    return 2;
  }
  std::vector<std::string> Problems;
  if (Output.empty() || Output == "-")
    Out << facts::mergeFiles(Inputs, Problems).toJson();
  else
    mergeSummaries(Inputs, Output, Problems);
  for (const std::string &Problem : Problems)
    Err << "async-lint: error: " << Problem << '\n';
  return Problems.empty() ? 0 : 2;
}

} // namespace async_lint::driver
