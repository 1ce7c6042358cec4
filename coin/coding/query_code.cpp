#include "coin/coding/query_code.hpp"

#include <string>

#include "common/error.hpp"

namespace coinsim {

QueryCode::QueryCode(QueryCodeKind kind, int queries, std::optional<BerrutCode> berrut)
    : kind_(kind), queries_(queries), berrut_(std::move(berrut)) {
  encoding_ = berrut_ ? berrut_->encoding()
                      : std::vector<std::vector<double>>{std::vector<double>(queries, 1.0)};
}

QueryCode QueryCode::parm(int queries) {
  if (queries < 2)
    throw Error("a ParM coding group needs at least 2 queries, got " + std::to_string(queries));
  return QueryCode(QueryCodeKind::parm, queries, std::nullopt);
}

QueryCode QueryCode::approxifer(int queries, int stragglers) {
  return QueryCode(QueryCodeKind::approxifer, queries, BerrutCode(queries, stragglers));
}

std::optional<std::vector<QueryCode::Term>> QueryCode::rebuild(
    int query, const std::vector<bool>& arrived) const {
  if (query < 0 || query >= queries_)
    throw Error("query " + std::to_string(query) + " is not in a group of " +
                std::to_string(queries_));
  if (static_cast<int>(arrived.size()) != requests())
    throw Error("a group of this code has " + std::to_string(requests()) + " requests, got " +
                std::to_string(arrived.size()) + " flags");
  if (kind_ == QueryCodeKind::parm) {
    if (arrived[query]) return std::vector<Term>{{query, 1.0}};
    std::vector<Term> terms{{queries_, 1.0}};  // the parity reply, minus every other output
    if (!arrived[queries_]) return std::nullopt;
    for (int i = 0; i < queries_; ++i) {
      if (i == query) continue;
      if (!arrived[i]) return std::nullopt;
      terms.push_back({i, -1.0});
    }
    return terms;
  }
  std::vector<int> replies;
  for (int c = 0; c < coded(); ++c)
    if (arrived[c]) replies.push_back(c);
  if (static_cast<int>(replies.size()) < coded() - berrut_->stragglers()) return std::nullopt;
  const std::vector<double> row = berrut_->decoding(replies)[query];
  std::vector<Term> terms;
  for (std::size_t i = 0; i < replies.size(); ++i) terms.push_back({replies[i], row[i]});
  return terms;
}

}  // namespace coinsim
