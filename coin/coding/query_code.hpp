// The query codes of the single-model workload: one model serves a stream of queries, and each
// coding group of k consecutive queries is sent as requests from which a late query's output can
// be rebuilt.
//  - ParM (Kosaian, Rashmi and Venkataraman, SOSP 2019): the k queries themselves and one parity
//    query, the sum of their images, which a parity model answers with (approximately) the sum of
//    the base model's outputs; one missing output is the parity reply minus the other k - 1.
//  - ApproxIFER (Soleymani, Ali, Mahdavifar and Avestimehr, AAAI 2022): no originals; N = k + s
//    coded queries (BerrutCode) that the base model itself answers, and every query's output
//    interpolated from the first N - s replies.
// Both are linear: a coded query is a weighted sum of the group's images, a rebuilt output a
// weighted sum of replies. Requests are numbered originals first, then coded queries.
#pragma once

#include <optional>
#include <vector>

#include "coin/coding/berrut_code.hpp"

namespace coinsim {

enum class QueryCodeKind { parm, approxifer };

class QueryCode {
 public:
  // Throw Error (naming the code) unless queries >= 2 (ParM) or >= 1 and stragglers >= 0.
  static QueryCode parm(int queries);
  static QueryCode approxifer(int queries, int stragglers);

  QueryCodeKind kind() const { return kind_; }
  int queries() const { return queries_; }  // k
  int originals() const { return kind_ == QueryCodeKind::parm ? queries_ : 0; }
  int coded() const { return static_cast<int>(encoding_.size()); }  // 1 (ParM) or N
  int requests() const { return originals() + coded(); }

  // Row c: coded query c = sum_j encoding()[c][j] * image_j.
  const std::vector<std::vector<double>>& encoding() const { return encoding_; }

  struct Term {
    int request;
    double weight;
  };
  // Query j's output as sum(weight * reply of request), or nothing when the replies that arrived
  // do not determine it (ParM: its own reply, or the parity's and the k - 1 others'; ApproxIFER:
  // at least N - s coded replies, every arrived one used). `arrived` flags every request. A blank
  // position of a group closed before it filled (an all-zero image, never sent) counts as an
  // arrived original whose reply is the model's output on the blank image.
  std::optional<std::vector<Term>> rebuild(int query, const std::vector<bool>& arrived) const;

 private:
  QueryCode(QueryCodeKind kind, int queries, std::optional<BerrutCode> berrut);

  QueryCodeKind kind_;
  int queries_;
  std::optional<BerrutCode> berrut_;
  std::vector<std::vector<double>> encoding_;
};

}  // namespace coinsim
