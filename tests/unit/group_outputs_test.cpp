// The group table built from real models: the query order is a seeded choice of distinct test
// images in whole groups; every coded output equals the model run by hand on the coded image
// (ParM: the parity model on the sum of the group's images; ApproxIFER: the base model on
// Berrut's combination, in the decoding space), blank positions of a partly filled group are zero
// images; and a test set smaller than one group is refused by message.
#include "coin/models/group_outputs.hpp"

#include <gtest/gtest.h>

#include <set>

#include "coin/coding/query_code.hpp"
#include "coin/models/architectures.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

ImageSet synthetic_test(int images) {
  DatasetSpec spec;
  spec.name = DatasetName::synthetic;
  spec.synthetic_train = 20;
  spec.synthetic_test = images;
  spec.validation = 0;
  return load_dataset(spec, 5).test;
}

Network fresh_model(int seed) {
  torch::manual_seed(seed);
  return make_model(ModelSpec{}, DatasetSpec{});
}

torch::Tensor row(const GroupOutputTable& table, const std::string& code, int group, int filled,
                  int request) {
  const float* values = table.coded_output(table.code(code), group, filled, request);
  return torch::from_blob(const_cast<float*>(values), {table.images.num_outputs}).clone();
}

TEST(GroupOutputs, OrderIsASeededChoiceOfDistinctImagesInWholeGroups) {
  const ImageSet test = synthetic_test(10);
  const Network base = fresh_model(3);
  GroupCodes codes;
  codes.group_size = 3;
  const GroupOutputTable table = build_group_table(*base, test, codes, 7);
  EXPECT_EQ(table.groups(), 3);  // 10 images: one left over
  EXPECT_EQ(std::set<int>(table.order.begin(), table.order.end()).size(), 9u);
  EXPECT_EQ(build_group_table(*base, test, codes, 7).order, table.order);
  EXPECT_NE(build_group_table(*base, test, codes, 8).order, table.order);
  const auto probabilities = predict_probabilities(*base, test.images);
  EXPECT_EQ(table.images.scores[4 * 10 + 2], probabilities[4][2].item<float>());
  const torch::NoGradGuard no_grad;
  const auto blank = torch::softmax(base->forward(torch::zeros({1, 1, 28, 28})), 1);
  EXPECT_FLOAT_EQ(table.blank[5], blank[0][5].item<float>());
  EXPECT_TRUE(table.coded.empty());
}

TEST(GroupOutputs, CodedOutputsAreTheModelsOnTheCodedImages) {
  const ImageSet test = synthetic_test(10);
  const Network base = fresh_model(3);
  GroupCodes codes;
  codes.group_size = 3;
  codes.space = DecodingSpace::logit;
  codes.parity = fresh_model(4);
  codes.approxifer_stragglers = 1;
  const GroupOutputTable table = build_group_table(*base, test, codes, 7);
  const auto image = [&](int group, int position) {
    return test.images[table.image(group, position)];
  };
  const torch::NoGradGuard no_grad;
  // ParM, group 2 full: the parity model on the sum of its three images, raw.
  const auto sum = image(2, 0) + image(2, 1) + image(2, 2);
  EXPECT_TRUE(torch::allclose(row(table, "parm", 2, 3, 0),
                              codes.parity->forward(sum.unsqueeze(0))[0], 1e-5, 1e-6));
  // ParM, group 0 with one query: the parity model on that image alone (the rest blank).
  EXPECT_TRUE(torch::allclose(row(table, "parm", 0, 1, 0),
                              codes.parity->forward(image(0, 0).unsqueeze(0))[0], 1e-5, 1e-6));
  // ApproxIFER (N = 4), group 1 filled with 2 queries, coded query 3, in logit space.
  const auto weights = QueryCode::approxifer(3, 1).encoding()[3];
  const auto coded = weights[0] * image(1, 0) + weights[1] * image(1, 1);
  const auto expected = torch::log_softmax(base->forward(coded.unsqueeze(0)), 1)[0];
  EXPECT_TRUE(torch::allclose(row(table, "approxifer", 1, 2, 3), expected, 1e-5, 1e-6));
  EXPECT_EQ(table.code("approxifer").requests, 4);
  EXPECT_EQ(table.code("parm").forward_flops, table.images.forward_flops);
}

TEST(GroupOutputs, ATestSetSmallerThanAGroupIsRefused) {
  GroupCodes codes;
  codes.group_size = 4;
  try {
    build_group_table(*fresh_model(3), synthetic_test(3), codes, 7);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the test set has 3 images, fewer than one coding group of 4");
  }
}

}  // namespace
}  // namespace coinsim
