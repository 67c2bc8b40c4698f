//===--- OutputFile.h - The --output file, replaced whole --------*- C++
//-*-===//
//
// A report is written to a temporary file beside --output and renamed over
// it once complete, so that a run that fails or is interrupted leaves the
// previous report in place rather than an empty or truncated one.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_OUTPUTFILE_H
#define ASYNC_LINT_DRIVER_OUTPUTFILE_H

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace async_lint::driver {

class OutputFile {
public:
  /// Opens a temporary file beside Path, removed if the process is
  /// interrupted. A Path that is not a regular file (a device, a pipe) is
  /// opened as it is.
  static llvm::Expected<std::unique_ptr<OutputFile>> open(llvm::StringRef Path);

  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  /// Removes the temporary file unless committed.
  ~OutputFile();

  /// The open file; the caller writes through it and leaves closing to this.
  int descriptor() const { return Descriptor; }
  /// Closes the file and puts it in place of the target.
  llvm::Error commit();

private:
  OutputFile(std::string Target, llvm::SmallString<128> Temporary,
             int Descriptor)
      : Target(std::move(Target)), Temporary(std::move(Temporary)),
        Descriptor(Descriptor) {}

  std::string Target;
  /// Empty when the target is written directly.
  llvm::SmallString<128> Temporary;
  int Descriptor;
  bool Committed = false;
};

} // namespace async_lint::driver

#endif // ASYNC_LINT_DRIVER_OUTPUTFILE_H
