//===--- ConditionalFindings.cpp - Findings the project decides -----------===//

#include "ConditionalFindings.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace async_lint::facts {

namespace json = llvm::json;

namespace {
constexpr llvm::StringLiteral Marker = "async-lint conditional finding: ";
} // namespace

std::string conditionalMessage(const ConditionalFinding &Finding) {
  std::string Text(Marker);
  llvm::raw_string_ostream Out(Text);
  Out << json::Value(json::Object{{"predicate", Finding.Predicate},
                                  {"usr", Finding.Usr},
                                  {"parts", json::Object(Finding.Parts)}});
  return Text;
}

bool isConditionalMessage(llvm::StringRef Message) {
  return Message.starts_with(Marker);
}

std::optional<ConditionalFinding>
parseConditionalMessage(llvm::StringRef Message) {
  if (!Message.consume_front(Marker))
    return std::nullopt;
  auto Parsed = json::parse(Message);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const json::Object *Top = Parsed->getAsObject();
  if (!Top)
    return std::nullopt;
  auto Predicate = Top->getString("predicate");
  auto Usr = Top->getString("usr");
  const json::Object *Parts = Top->getObject("parts");
  if (!Predicate || !Usr || !Parts)
    return std::nullopt;
  return ConditionalFinding{Predicate->str(), Usr->str(), *Parts};
}

std::string formatMessage(llvm::StringRef Format,
                          llvm::ArrayRef<std::string> Args) {
  std::string Text;
  while (!Format.empty()) {
    size_t Percent = Format.find('%');
    Text += Format.take_front(Percent);
    if (Percent == llvm::StringRef::npos)
      break;
    Format = Format.drop_front(Percent + 1);
    size_t Digits = 0;
    while (Digits < Format.size() && llvm::isDigit(Format[Digits]))
      ++Digits;
    unsigned Index = 0;
    if (Digits == 0 || Format.take_front(Digits).getAsInteger(10, Index) ||
        Index >= Args.size()) {
      Text += '%';
      continue;
    }
    Text += Args[Index];
    Format = Format.drop_front(Digits);
  }
  return Text;
}

} // namespace async_lint::facts
