//===--- SuggestionsTest.cpp - "did you mean" for unknown names -----------===//

#include "catalog/Suggestions.h"

#include <gtest/gtest.h>

namespace async_lint::catalog {
namespace {

const std::vector<std::string> Keys = {"namespaces", "apis", "hints",
                                       "profile"};

TEST(SuggestionsTest, ClosestWithinTheEditLimit) {
  EXPECT_EQ(didYouMean("namespace", Keys), "; did you mean 'namespaces'?");
  EXPECT_EQ(didYouMean("apsi", Keys), "; did you mean 'apis'?");
  // Four edits are too many by default; five are allowed when asked for.
  EXPECT_EQ(didYouMean("hxxxxs", Keys), "");
  EXPECT_EQ(didYouMean("hxxxxs", Keys, {.EditsBelow = 5}),
            "; did you mean 'hints'?");
  EXPECT_EQ(didYouMean("unrelated", Keys), "");
  EXPECT_EQ(didYouMean("apis", {}), "");
}

TEST(SuggestionsTest, FirstOfEquallyCloseCandidates) {
  EXPECT_EQ(closestName("ab", {"xb", "ax"}), "xb");
  EXPECT_EQ(closestName("ab", {"ax", "ab"}), "ab");
}

TEST(SuggestionsTest, CaseCountsUnlessIgnored) {
  EXPECT_EQ(closestName("APIS", Keys), "");
  EXPECT_EQ(closestName("APIS", Keys, {.IgnoreCase = true}), "apis");
}

TEST(SuggestionsTest, WhatUsersTypeIsForgivenMore) {
  const std::vector<std::string> Options = {"ExtraSleepFunctions",
                                            "FollowCalls"};
  // A prefix, however short.
  EXPECT_EQ(closestName("Fo", Options, TypedByUser), "FollowCalls");
  EXPECT_EQ(closestName("Fo", Options), "");
  // A name typed without its first words, in another case.
  EXPECT_EQ(closestName("sleepfunction", Options, TypedByUser),
            "ExtraSleepFunctions");
  EXPECT_EQ(closestName("sleepfunction", Options), "");
  EXPECT_EQ(closestName("", Options, TypedByUser), "");
}

} // namespace
} // namespace async_lint::catalog
