// Codes and decoding, checked on outputs whose coded rows are exact combinations: decoding must
// then give back the erased outputs exactly (to float rounding).
#include "coin/coding/code.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "coin/coding/decoder.hpp"
#include "common/error.hpp"
#include "scenario/scenario.hpp"

namespace coinsim {
namespace {

constexpr int kOutputs = 10;

// k random probability vectors followed by the r exact coded combinations.
std::vector<std::vector<float>> exact_outputs(const Code& code, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  std::vector<std::vector<float>> outputs(code.k() + code.r(), std::vector<float>(kOutputs, 0.0f));
  for (int i = 0; i < code.k(); ++i) {
    float sum = 0;
    for (float& p : outputs[i]) sum += p = uniform(generator);
    for (float& p : outputs[i]) p /= sum;
  }
  for (int l = 0; l < code.r(); ++l)
    for (int c = 0; c < kOutputs; ++c)
      for (int i = 0; i < code.k(); ++i)
        outputs[code.k() + l][c] += static_cast<float>(code.weight(l, i)) * outputs[i][c];
  return outputs;
}

std::vector<const float*> pointers(const std::vector<std::vector<float>>& outputs) {
  std::vector<const float*> result;
  for (const auto& o : outputs) result.push_back(o.data());
  return result;
}

TEST(Code, DefaultCodeIsTheAverageThenVandermondeRows) {
  const Code code = Code::vandermonde(3, 2);
  EXPECT_DOUBLE_EQ(code.weight(0, 0), 1.0 / 3);
  EXPECT_DOUBLE_EQ(code.weight(0, 2), 1.0 / 3);
  EXPECT_DOUBLE_EQ(code.weight(1, 0), 1.0 / 6);  // nodes 1, 2, 3 normalised by 6
  EXPECT_DOUBLE_EQ(code.weight(1, 2), 3.0 / 6);
}

TEST(Code, ErasurePatternsAreEnumeratedInOrder) {
  const auto patterns = erasure_patterns(3, 2);
  ASSERT_EQ(patterns.size(), 6u);
  EXPECT_EQ(pattern_name(patterns[0]), "{0}");
  EXPECT_EQ(pattern_name(patterns[2]), "{2}");
  EXPECT_EQ(pattern_name(patterns[3]), "{0+1}");
  EXPECT_EQ(pattern_name(patterns[5]), "{1+2}");
}

TEST(Code, UndecodableWeightsAreRejected) {
  // Two identical rows cannot recover two erasures.
  try {
    Code({{0.5, 0.5}, {0.5, 0.5}});
    FAIL() << "accepted a rank-deficient code";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "code: erasure pattern {0+1} is not decodable with these weights");
  }
}

TEST(Code, AmplificationIsTheWorstInverseSmallestSingularValue) {
  // Averaging two outputs: p0 = (q - p1/2) / (1/2), an error of q doubled.
  EXPECT_DOUBLE_EQ(Code::vandermonde(2, 1).amplification().factor, 2.0);
  EXPECT_EQ(Code::vandermonde(2, 1).amplification().worst, "erasure {0} from coded row {0}");
  // Weights (0.2, 0.8): erasing model 0 divides by 0.2.
  EXPECT_NEAR(Code({{0.2, 0.8}}).amplification().factor, 5.0, 1e-12);
  // k = 3, r = 2 (rows (1, 1, 1) / 3 and (1, 2, 3) / 6): the worst is erasing models 1 and 2
  // with both rows, [[1/3, 1/3], [1/3, 1/2]]: symmetric, trace 5/6, determinant 1/18, so its
  // smallest singular value is its smallest eigenvalue (5 - sqrt(17)) / 12.
  const auto k3 = Code::vandermonde(3, 2).amplification();
  EXPECT_NEAR(k3.factor, 12.0 / (5.0 - std::sqrt(17.0)), 1e-9);
  EXPECT_EQ(k3.worst, "erasure {1+2} from coded rows {0+1}");
}

TEST(Code, CodesThatMakeDecodingMeaninglessAreRefusedAndPoorOnesWarned) {
  Scenario s;
  s.source = "s.json";
  s.tasks.classes = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
  s.coding.weights = {{1e-12, 1 - 1e-12}};
  try {
    make_code(s);
    FAIL() << "accepted weights 1e-12";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "s.json: /coding/weights: decoding magnifies errors of the coded outputs up to 1e+12 "
              "times (erasure {0} from coded row {0}); above 1e+04 decoded outputs are noise: "
              "choose weights further from 0, or a smaller r");
  }
  s.coding.weights = {{0.5, 0.5}};
  EXPECT_EQ(code_warning(s, make_code(s)), "");
  // The default code for k = 5, r = 3 magnifies up to ~200: accepted, with a warning.
  s.coding.weights.clear();
  s.tasks.classes = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}};
  s.coding.r = 3;
  EXPECT_EQ(
      code_warning(s, make_code(s))
          .rfind(
              "warning: s.json: /coding/r: decoding magnifies errors of the coded outputs up to ",
              0),
      0u);
  EXPECT_NE(code_warning(s, make_code(s)).find(", the default code for k = 5, r = 3)"),
            std::string::npos);
  s.coding.r = 5;  // ~1e3... k = 5, r = 5: 1.3e3, still under the limit
  EXPECT_NO_THROW(make_code(s));
}

TEST(Code, DecodabilityCountsArrivedCodedRows) {
  const Code code = Code::vandermonde(3, 2);
  EXPECT_TRUE(code.decodable({true, true, true, false, false}));
  EXPECT_TRUE(code.decodable({true, false, true, false, true}));
  EXPECT_FALSE(code.decodable({false, false, true, true, false}));
  EXPECT_TRUE(code.decodable({false, false, true, true, true}));
}

TEST(Decoder, AllOutputsPresentAreReturnedExactly) {
  const Decoder decoder(Code::vandermonde(3, 2));
  const auto outputs = exact_outputs(decoder.code(), 1);
  const auto recovered = decoder.decode(pointers(outputs), kOutputs);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(recovered[i], outputs[i]);
}

TEST(Decoder, EveryPatternWithinRIsRecoveredFromExactCombinations) {
  for (const auto& [k, r] : std::vector<std::pair<int, int>>{{2, 1}, {3, 1}, {3, 2}, {4, 2}}) {
    const Decoder decoder(Code::vandermonde(k, r));
    const auto outputs = exact_outputs(decoder.code(), 7 * k + r);
    for (const auto& erased : erasure_patterns(k, r)) {
      auto available = pointers(outputs);
      for (const int j : erased) available[j] = nullptr;
      const auto recovered = decoder.decode(available, kOutputs);
      for (const int j : erased)
        for (int c = 0; c < kOutputs; ++c)
          EXPECT_NEAR(recovered[j][c], outputs[j][c], 2e-6)
              << "k=" << k << " r=" << r << " erased " << pattern_name(erased);
    }
  }
}

TEST(Decoder, SingleErasureMatchesTheClosedForm) {
  // p_j = (q - sum_{i != j} w_i p_i) / w_j with unequal weights.
  const Decoder decoder(Code({{0.2, 0.3, 0.5}}));
  const auto outputs = exact_outputs(decoder.code(), 3);
  auto available = pointers(outputs);
  available[1] = nullptr;
  const auto recovered = decoder.decode(available, kOutputs);
  for (int c = 0; c < kOutputs; ++c) {
    const double expected = (outputs[3][c] - 0.2 * outputs[0][c] - 0.5 * outputs[2][c]) / 0.3;
    EXPECT_NEAR(recovered[1][c], expected, 1e-6);
  }
}

TEST(Decoder, LogitSpaceDecodesExactLogLinearCombinations) {
  // When the coded output is the normalised geometric mean q ~ prod p_i^{w_i}, logit-space
  // decoding recovers an erased p_j exactly (the normalising constant shifts every log equally).
  const Code code({{0.2, 0.3, 0.5}});
  const Decoder decoder(code, DecodingSpace::logit);
  const std::vector<std::vector<float>> originals = {
      {0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}, {0.25f, 0.25f, 0.5f}};
  std::vector<float> coded(3);
  double total = 0;
  for (int c = 0; c < 3; ++c) {
    double log_q = 0;
    for (int i = 0; i < 3; ++i) log_q += code.weight(0, i) * std::log(originals[i][c]);
    coded[c] = static_cast<float>(std::exp(log_q));
    total += coded[c];
  }
  for (float& q : coded) q = static_cast<float>(q / total);
  const std::vector<const float*> outputs = {originals[0].data(), nullptr, originals[2].data(),
                                             coded.data()};
  const auto recovered = decoder.decode(outputs, 3);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(recovered[1][c], originals[1][c], 1e-5);
  EXPECT_EQ(recovered[0], originals[0]);  // arrived outputs are passed through untouched
}

TEST(Decoder, SimplexSpaceProjectsTheProbabilitySolution) {
  const Code code({{0.5, 0.5}});
  const std::vector<float> p0 = {0.6f, 0.3f, 0.1f};
  // A coded output that is no exact average: probability decoding of p1 = 2q - p0 gives
  // [-0.2, 0.9, 0.3], which the simplex projection turns into [0, 0.8, 0.2].
  const std::vector<float> coded = {0.2f, 0.6f, 0.2f};
  const std::vector<const float*> outputs = {p0.data(), nullptr, coded.data()};
  const auto plain = Decoder(code, DecodingSpace::probability).decode(outputs, 3);
  EXPECT_NEAR(plain[1][0], -0.2, 1e-6);
  const auto projected = Decoder(code, DecodingSpace::simplex).decode(outputs, 3);
  const std::vector<double> expected = {0.0, 0.8, 0.2};
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(projected[1][c], expected[c], 1e-6);
  EXPECT_EQ(projected[0], p0);
  // An exact average decodes to a probability vector, which the projection leaves alone.
  const std::vector<float> p1 = {0.2f, 0.2f, 0.6f};
  const std::vector<float> exact = {0.4f, 0.25f, 0.35f};
  const auto same =
      Decoder(code, DecodingSpace::simplex).decode({p0.data(), nullptr, exact.data()}, 3);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(same[1][c], p1[c], 1e-6);
}

TEST(Decoder, DecodingSpacesParseFromTheirNames) {
  EXPECT_EQ(parse_kind<DecodingSpace>("logit"), DecodingSpace::logit);
  EXPECT_EQ(parse_kind<DecodingSpace>("simplex"), DecodingSpace::simplex);
  EXPECT_EQ(parse_kind<DecodingSpace>("bits"), std::nullopt);
  EXPECT_EQ(kind_name(DecodingSpace::probability), "probability");
  EXPECT_EQ(kind_listing<DecodingSpace>(), "probability, logit, simplex");
}

TEST(Decoder, TooManyErasuresAreReportedAsUnrecoverable) {
  const Decoder decoder(Code::vandermonde(3, 1));
  const auto outputs = exact_outputs(decoder.code(), 5);
  auto available = pointers(outputs);
  available[0] = available[1] = nullptr;
  const auto recovered = decoder.decode(available, kOutputs);
  EXPECT_TRUE(recovered[0].empty());
  EXPECT_TRUE(recovered[1].empty());
  EXPECT_EQ(recovered[2], outputs[2]);
}

}  // namespace
}  // namespace coinsim
