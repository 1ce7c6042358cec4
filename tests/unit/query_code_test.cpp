// ParM's and ApproxIFER's query codes against closed forms: with a linear model as its own
// "perfect parity model", ParM's parity reply minus the other outputs is exactly the missing one,
// also in a group completed with blank images; ApproxIFER with two queries interpolates along a
// straight line, so an affine model's outputs come back exactly from any k of its N replies; and
// both refuse what they cannot decode.
#include "coin/coding/query_code.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/error.hpp"

namespace coinsim {
namespace {

using Vector = std::vector<double>;

// The group's images (rows) as one coded query per encoding row.
std::vector<Vector> encode(const QueryCode& code, const std::vector<Vector>& images) {
  std::vector<Vector> coded;
  for (const Vector& row : code.encoding()) {
    Vector query(images.front().size(), 0.0);
    for (std::size_t j = 0; j < images.size(); ++j)
      for (std::size_t d = 0; d < query.size(); ++d) query[d] += row[j] * images[j][d];
    coded.push_back(query);
  }
  return coded;
}

// f(x) = A x + b: two outputs of a three-pixel image.
Vector affine(const Vector& x, const Vector& bias) {
  return {2 * x[0] - x[1] + 0.5 * x[2] + bias[0], x[0] + 3 * x[2] + bias[1]};
}

Vector combine(const std::vector<QueryCode::Term>& terms, const std::vector<Vector>& replies) {
  Vector out(replies.front().size(), 0.0);
  for (const auto& term : terms)
    for (std::size_t d = 0; d < out.size(); ++d) out[d] += term.weight * replies[term.request][d];
  return out;
}

void expect_near(const Vector& actual, const Vector& expected, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t d = 0; d < actual.size(); ++d)
    EXPECT_NEAR(actual[d], expected[d], 1e-12) << what;
}

const std::vector<Vector> kImages = {{1, 2, 3}, {-1, 0.5, 2}, {4, -2, 0}, {0.25, 1, -1}};

TEST(QueryCode, ParmRebuildsTheMissingOutputOfALinearModelExactly) {
  const QueryCode code = QueryCode::parm(4);
  EXPECT_EQ(code.originals(), 4);
  EXPECT_EQ(code.coded(), 1);
  EXPECT_EQ(code.encoding(), std::vector<Vector>({{1, 1, 1, 1}}));  // the sum of the images
  const Vector none = {0, 0};  // linear: the model itself is a perfect parity model
  std::vector<Vector> replies;
  for (const Vector& image : kImages) replies.push_back(affine(image, none));
  replies.push_back(affine(encode(code, kImages)[0], none));
  for (int missing = 0; missing < 4; ++missing) {
    std::vector<bool> arrived(5, true);
    arrived[missing] = false;
    const auto terms = code.rebuild(missing, arrived);
    ASSERT_TRUE(terms.has_value());
    EXPECT_EQ(terms->size(), 4u);
    expect_near(combine(*terms, replies), affine(kImages[missing], none),
                "missing " + std::to_string(missing));
  }
}

TEST(QueryCode, ParmDecodesAGroupCompletedWithBlanks) {
  // Two queries and two blanks (zero images); the parity model (perfect: it returns the sum of
  // the model's outputs, the blanks' included) answers the sum of the two images.
  const QueryCode code = QueryCode::parm(4);
  const Vector bias = {0.5, -1};
  const Vector blank = affine({0, 0, 0}, bias);
  std::vector<Vector> replies = {affine(kImages[0], bias), affine(kImages[1], bias), blank, blank};
  Vector parity(2, 0.0);
  for (const Vector& reply : replies)
    for (int d = 0; d < 2; ++d) parity[d] += reply[d];
  replies.push_back(parity);
  const std::vector<bool> arrived = {false, true, true, true, true};  // blanks count as arrived
  expect_near(combine(*code.rebuild(0, arrived), replies), affine(kImages[0], bias), "query 0");
}

TEST(QueryCode, ParmNeedsTheParityAndEveryOtherOutput) {
  const QueryCode code = QueryCode::parm(3);
  EXPECT_FALSE(code.rebuild(0, {false, true, true, false}).has_value());  // no parity
  EXPECT_FALSE(code.rebuild(0, {false, false, true, true}).has_value());  // two missing
  const auto own = code.rebuild(1, {false, true, false, false});
  ASSERT_TRUE(own.has_value());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].request, 1);
  EXPECT_EQ((*own)[0].weight, 1.0);
}

TEST(QueryCode, ApproxiferDecodesAnAffineModelFromAnyKReplies) {
  // K = 2: Berrut's interpolant through two points is the line through them, and an affine model
  // commutes with it: every pair of the N = 4 replies gives both outputs back exactly.
  const QueryCode code = QueryCode::approxifer(2, 2);
  EXPECT_EQ(code.originals(), 0);
  EXPECT_EQ(code.requests(), 4);
  const std::vector<Vector> images(kImages.begin(), kImages.begin() + 2);
  const Vector bias = {0.5, -1};
  std::vector<Vector> replies;
  for (const Vector& query : encode(code, images)) replies.push_back(affine(query, bias));
  for (int a = 0; a < 4; ++a)
    for (int b = a + 1; b < 4; ++b) {
      std::vector<bool> arrived(4, false);
      arrived[a] = arrived[b] = true;
      for (int j = 0; j < 2; ++j) {
        const auto terms = code.rebuild(j, arrived);
        ASSERT_TRUE(terms.has_value());
        expect_near(
            combine(*terms, replies), affine(images[j], bias),
            "replies " + std::to_string(a) + std::to_string(b) + ", query " + std::to_string(j));
      }
    }
}

TEST(QueryCode, ApproxiferUsesEveryArrivedReplyAndNeedsK) {
  const QueryCode code = QueryCode::approxifer(3, 2);  // N = 5
  EXPECT_FALSE(code.rebuild(0, {true, false, true, false, false}).has_value());
  const auto terms = code.rebuild(2, {true, false, true, true, true});
  ASSERT_TRUE(terms.has_value());
  const auto row = BerrutCode(3, 2).decoding({0, 2, 3, 4})[2];
  ASSERT_EQ(terms->size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*terms)[i].request, std::vector<int>({0, 2, 3, 4})[i]);
    EXPECT_DOUBLE_EQ((*terms)[i].weight, row[i]);
  }
}

TEST(QueryCode, RefusalsNameWhatIsWrong) {
  const auto message = [](auto&& call) -> std::string {
    try {
      call();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([] { QueryCode::parm(1); }),
            "a ParM coding group needs at least 2 queries, got 1");
  EXPECT_EQ(message([] { QueryCode::approxifer(2, -1); }),
            "a Berrut code tolerates 0 or more stragglers, got -1");
  EXPECT_EQ(message([] {
              QueryCode::parm(2).rebuild(2, {true, true, true});
            }),
            "query 2 is not in a group of 2");
  EXPECT_EQ(message([] {
              QueryCode::parm(2).rebuild(0, {true, true});
            }),
            "a group of this code has 3 requests, got 2 flags");
}

}  // namespace
}  // namespace coinsim
