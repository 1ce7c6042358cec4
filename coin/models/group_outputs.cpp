#include "coin/models/group_outputs.hpp"

#include "coin/coding/query_code.hpp"
#include "coin/models/parity_model.hpp"
#include "common/error.hpp"

namespace coinsim {
namespace {

std::vector<float> to_floats(const torch::Tensor& values) {
  const auto contiguous = values.contiguous().to(torch::kFloat);
  return {contiguous.data_ptr<float>(), contiguous.data_ptr<float>() + contiguous.numel()};
}

// G x k x C x H x W: the images of every group, positions `filled` ... k - 1 blank.
torch::Tensor grouped_images(const torch::Tensor& ordered, int group_size, int filled) {
  auto shape = ordered.sizes().vec();
  shape[0] = group_size;
  shape.insert(shape.begin(), ordered.size(0) / group_size);
  auto groups = ordered.reshape(shape).clone();
  groups.slice(1, filled).zero_();
  return groups;
}

// G x coded x C x H x W: coded query c of group g = sum_j encoding[c][j] * image_j.
torch::Tensor encoded(const torch::Tensor& groups, const QueryCode& code) {
  std::vector<float> weights;
  for (const auto& row : code.encoding())
    for (const double w : row) weights.push_back(static_cast<float>(w));
  const auto matrix = torch::tensor(weights).reshape({code.coded(), code.queries()});
  return torch::einsum("cj,gj...->gc...", {matrix, groups});
}

// groups x k x requests x outputs, in the table's order: for every fill m, every group's
// coded requests' outputs.
CodedGroupOutputs coded_outputs(const std::string& name, const QueryCode& code,
                                const torch::Tensor& ordered, NetworkImpl& model, bool parity,
                                DecodingSpace space) {
  const torch::NoGradGuard no_grad;
  model.eval();
  std::vector<torch::Tensor> by_fill;  // each G x coded x outputs
  for (int filled = 1; filled <= code.queries(); ++filled) {
    const auto queries = encoded(grouped_images(ordered, code.queries(), filled), code);
    const auto flat = queries.flatten(0, 1);
    const auto outputs = parity ? model.forward(flat) : outputs_in_space(model, flat, space);
    by_fill.push_back(outputs.reshape({queries.size(0), code.coded(), -1}));
  }
  return CodedGroupOutputs{name, code.coded(), forward_flops(model),
                           to_floats(torch::stack(by_fill, 1))};
}

}  // namespace

GroupOutputTable build_group_table(NetworkImpl& base, const ImageSet& test, const GroupCodes& codes,
                                   std::uint64_t seed) {
  const int64_t groups = test.size() / codes.group_size;
  if (groups < 1)
    throw Error("the test set has " + std::to_string(test.size()) +
                " images, fewer than one coding group of " + std::to_string(codes.group_size));
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto order = torch::randperm(test.size(), generator).slice(0, 0, groups * codes.group_size);
  GroupOutputTable table;
  table.space = codes.space;
  table.group_size = codes.group_size;
  table.order.assign(order.data_ptr<int64_t>(), order.data_ptr<int64_t>() + order.numel());
  OutputTable& images = table.images;
  images.num_images = static_cast<int>(test.size());
  images.forward_flops = forward_flops(base);
  const auto labels = test.labels.to(torch::kInt);
  images.labels.assign(labels.data_ptr<int32_t>(), labels.data_ptr<int32_t>() + labels.numel());
  const auto probabilities = predict_probabilities(base, test.images);
  images.num_outputs = static_cast<int>(probabilities.size(1));
  images.models = {original_name(0)};
  images.scores = to_floats(probabilities);
  auto blank_shape = test.images.sizes().vec();
  blank_shape[0] = 1;
  table.blank = to_floats(predict_probabilities(base, torch::zeros(blank_shape)));
  const auto ordered = test.images.index_select(0, order);
  if (codes.parity)
    table.coded.push_back(coded_outputs("parm", QueryCode::parm(codes.group_size), ordered,
                                        *codes.parity, true, codes.space));
  if (codes.approxifer_stragglers)
    table.coded.push_back(coded_outputs(
        "approxifer", QueryCode::approxifer(codes.group_size, *codes.approxifer_stragglers),
        ordered, base, false, codes.space));
  return table;
}

}  // namespace coinsim
