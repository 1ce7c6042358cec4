// `coinsim sweep` as a user runs it, on a tiny synthetic base: the tables hold one row per point
// and strategy, read back against the points' own summaries; a sweep killed mid-way and re-run,
// and a sweep run in shards and merged, give the same bytes as one uninterrupted run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>
#include <thread>

#include "coinsim_process.hpp"
#include "common/files.hpp"

namespace coinsim {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const Json kRateAndSeedAxes = {{{"path", "/load/rate"}, {"values", {500, 1000, 2000}}},
                               {{"path", "/seed"}, {"values", {1, 2}}}};

// A sweep of the tiny scenario (by default over 3 rates x 2 seeds), in scratch/results.
fs::path tiny_sweep(const fs::path& scratch, int queries = 3000,
                    const Json& strategies = {"none", "coin", "averaging"},
                    const Json& axes = kRateAndSeedAxes, const Json& coding = Json::object(),
                    const Json& fixed = Json::object()) {
  Json changes = {{"load", {{"queries", queries}}}, {"strategies", strategies}};
  if (!coding.empty()) changes["coding"] = coding;
  const fs::path base = tiny_scenario(scratch, changes);
  Json sweep = {{"name", "tiny-sweep"},
                {"base", base.string()},
                {"axes", axes},
                {"output", {{"dir", (scratch / "results").string()}}}};
  if (!fixed.empty()) sweep["set"] = fixed;
  write_file_atomically(scratch / "sweep.json", sweep.dump(2));
  return scratch / "sweep.json";
}

// A figure as the plots write it: a PDF and a PNG, each complete.
void expect_figure(const fs::path& results, const std::string& stem) {
  const std::string png = read_file(results / (stem + ".png"));
  const std::string pdf = read_file(results / (stem + ".pdf"));
  EXPECT_GT(png.size(), 1000u) << stem;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << stem;
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND") << stem;
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-") << stem;
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 16), std::string::npos) << stem;
}

std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(file));
  // RFC 4180 as the tables write it: a quoted field may hold commas and doubled quotes.
  for (std::string line; std::getline(in, line);) {
    rows.emplace_back(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        rows.back().back() += line[++i];
      } else if (line[i] == '"') {
        quoted = !quoted;
      } else if (line[i] == ',' && !quoted) {
        rows.back().emplace_back();
      } else {
        rows.back().back() += line[i];
      }
    }
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  const auto found = std::find(header.begin(), header.end(), name);
  EXPECT_NE(found, header.end()) << name;
  return found - header.begin();
}

std::size_t complete_points(const fs::path& results) {
  std::size_t complete = 0;
  for (const auto& entry : fs::directory_iterator(results))
    complete += fs::exists(entry.path() / "summary.json");
  return complete;
}

TEST(SweepRun, TablesHoldEveryPointAndStrategyAsThePointsReportThem) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_sweep_tables";
  fs::remove_all(scratch);
  const Outcome run = coinsim("sweep " + tiny_sweep(scratch).string() + " --jobs 2", scratch);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("6 points (6 run now)"), std::string::npos) << run.out;
  const fs::path results = scratch / "results";
  const auto rows = csv_rows(results / "summary.csv");
  ASSERT_EQ(rows.size(), 1u + 6 * 3);
  const auto& header = rows[0];
  // Every column a plain name (pandas: no "/" or "."); the swept seed is the seed column.
  EXPECT_EQ(header[0], "point");
  EXPECT_EQ(header[1], "load_rate");
  EXPECT_EQ(header[2], "seed");
  for (const auto& name : header) EXPECT_EQ(name.find_first_of("/. "), std::string::npos) << name;
  // Rows follow the sweep's order (last axis fastest), strategies in the scenario's order.
  EXPECT_EQ(rows[1][0], "rate=500_seed=1");
  EXPECT_EQ(rows[4][0], "rate=500_seed=2");
  EXPECT_EQ(rows[18][0], "rate=2000_seed=2");
  EXPECT_EQ(rows[18][column(header, "strategy")], "averaging");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const Json summary = Json::parse(read_file(results / row[0] / "summary.json"));
    const Json& run_of = summary["strategies"][row[column(header, "strategy")]];
    EXPECT_EQ(row[1], i <= 6 ? "500" : i <= 12 ? "1000" : "2000");
    EXPECT_EQ(row[column(header, "seed")], summary["provenance"]["seed"].dump());
    EXPECT_EQ(std::stod(row[column(header, "latency_p999_s")]),
              run_of["latency_p999_s"].get<double>());
    EXPECT_EQ(std::stod(row[column(header, "accuracy")]), run_of["accuracy"].get<double>());
    EXPECT_EQ(row[column(header, "scoring")], "task");
    for (const char* rule : {"task", "all", "query"})
      EXPECT_EQ(std::stod(row[column(header, std::string("accuracy_") + rule)]),
                run_of[std::string("accuracy_") + rule].get<double>())
          << rule;
    for (const char* count :
         {"fraction_queries_with_decoded_output", "fraction_tasks_decoded", "requests_executed",
          "requests_cancelled", "requests_lost", "server_busy_s", "simulated_s"})
      EXPECT_EQ(std::stod(row[column(header, count)]), run_of[count].get<double>()) << count;
    EXPECT_EQ(row[column(header, "scenario_hash")], summary["provenance"]["scenario_hash"]);
    EXPECT_EQ(row[column(header, "models_hash")],
              fs::path(summary["provenance"]["output_table"].get<std::string>()).stem().string());
  }
  // accuracy.csv: per seed (the rate does not change the models), 2 methods x 2 erasures and a
  // default answer per task, once, with the three points that share them.
  const auto accuracy = csv_rows(results / "accuracy.csv");
  ASSERT_EQ(accuracy.size(), 1u + 2 * 6);
  EXPECT_EQ(accuracy[0][0], "models_hash");
  EXPECT_EQ(accuracy[0][1], "points");
  EXPECT_EQ(std::count(accuracy[0].begin(), accuracy[0].end(), "load_rate"), 0);
  EXPECT_EQ(accuracy[1][1], "rate=500_seed=1 rate=1000_seed=1 rate=2000_seed=1");
  EXPECT_EQ(accuracy[7][1], "rate=500_seed=2 rate=1000_seed=2 rate=2000_seed=2");
  EXPECT_EQ(accuracy[1][0], rows[1][column(header, "models_hash")]);
  EXPECT_NE(accuracy[1][0], accuracy[7][0]);
  EXPECT_EQ(accuracy[1][column(accuracy[0], "erased")], "{0}");
  EXPECT_EQ(accuracy[1][column(accuracy[0], "method")], "coin");
  // The point's rule names which of the per-rule columns "degraded" repeats.
  EXPECT_EQ(accuracy[1][column(accuracy[0], "scoring")], "task");
  EXPECT_EQ(accuracy[1][column(accuracy[0], "degraded")],
            accuracy[1][column(accuracy[0], "degraded_task")]);
  EXPECT_LE(std::stod(accuracy[1][column(accuracy[0], "degraded_all")]),
            std::stod(accuracy[1][column(accuracy[0], "degraded_task")]));
  EXPECT_GT(std::stod(accuracy[1][column(accuracy[0], "construction_flops")]), 0);
  const Json record = Json::parse(read_file(results / "sweep.json"));
  EXPECT_EQ(record["points"].size(), 6u);
  EXPECT_EQ(record["columns"], Json({{"/load/rate", "load_rate"}}));
  for (const char* figure :
       {"latency_cdf", "tail_vs_rate", "latency_accuracy", "degraded_accuracy"})
    expect_figure(results, figure);
  EXPECT_FALSE(fs::exists(results / "accuracy_vs_compute.png"));  // no construction budget swept

  // Run again: every point is complete, nothing runs, the tables come out the same.
  const std::string bytes = read_file(results / "summary.csv");
  const Outcome again = coinsim("sweep " + (scratch / "sweep.json").string(), scratch / "again");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("6 points (0 run now)"), std::string::npos) << again.out;
  EXPECT_EQ(read_file(results / "summary.csv"), bytes);

  // --list: every point complete; then one whose summary is gone would run again, and so would
  // one an older coinsim wrote (other names in its files), though its scenario is the same.
  fs::remove(results / "rate=1000_seed=2" / "summary.json");
  Json older = Json::parse(read_file(results / "rate=2000_seed=1" / "summary.json"));
  older["provenance"]["output_format"] = 1;
  write_file_atomically(results / "rate=2000_seed=1" / "summary.json", older.dump());
  const Outcome listed =
      coinsim("sweep " + (scratch / "sweep.json").string() + " --list", scratch / "list");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out,
            "complete  rate=500_seed=1\ncomplete  rate=500_seed=2\ncomplete  rate=1000_seed=1\n"
            "to run    rate=1000_seed=2\nto run    rate=2000_seed=1\ncomplete  rate=2000_seed=2\n"
            "6 points: 4 complete, 2 to run; accuracy stages to train or load: 2; results in " +
                results.string() + "/\n");
  EXPECT_FALSE(fs::exists(results / "rate=1000_seed=2" / "summary.json"));  // listed, not run

  // A damaged table: `coinsim plot` says where in one line, as for any other bad input.
  write_file_atomically(results / "summary.csv",
                        bytes.substr(0, bytes.find("rate=500_seed=2")) + "rate=500_seed=2,500\n");
  const Outcome damaged = coinsim("plot " + results.string(), scratch / "damaged");
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_EQ(damaged.err, "coinsim plot: " + (results / "summary.csv").string() +
                             ": line 5: 2 fields, the header has " + std::to_string(header.size()) +
                             " (truncated?)\n");
}

// A sweep run once, uninterrupted: its tables are what every other way of running it must
// reproduce. The results folder is then emptied; the cache stays, as it would for a user.
struct ReferenceRun {
  fs::path scratch, sweep, results;
  std::string summary, accuracy;
};

ReferenceRun reference_run(const std::string& name, int queries = 3000,
                           const Json& strategies = {"none", "coin", "averaging"}) {
  ReferenceRun run;
  run.scratch = fs::path(testing::TempDir()) / name;
  fs::remove_all(run.scratch);
  run.sweep = tiny_sweep(run.scratch, queries, strategies);
  run.results = run.scratch / "results";
  const Outcome whole = coinsim("sweep " + run.sweep.string() + " --jobs 2", run.scratch / "whole");
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
  run.summary = read_file(run.results / "summary.csv");
  run.accuracy = read_file(run.results / "accuracy.csv");
  fs::remove_all(run.results);
  return run;
}

void wait_for_a_complete_point(const fs::path& results) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((!fs::exists(results) || complete_points(results) == 0) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

// Starts `coinsim sweep --jobs 2` in a process group of its own and, once a point is complete,
// sends it `signal` (to coinsim alone, or to the whole group as a terminal's Ctrl-C does). It must
// stop with one line and exit 128 + signal, and leave no simulation running.
void interrupt_sweep(const fs::path& sweep, const fs::path& scratch, int signal, bool whole_group) {
  const fs::path results = scratch / "results";
  const fs::path err = scratch / "err.txt";
  const int pid = start_in_own_group(
      {"/bin/sh", "-c",
       "exec " + coinsim_program() + " sweep " + sweep.string() + " --jobs 2 2> " + err.string()});
  wait_for_a_complete_point(results);
  ::kill(whole_group ? -pid : pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + signal);
  const std::size_t done = complete_points(results);
  ASSERT_LT(done, 6u) << "the sweep ended before it could be stopped";
  const std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
  EXPECT_EQ(read_file(err), "coinsim: interrupted by " + name + ": " + std::to_string(done) +
                                " of 6 points complete; run the same command again to resume\n");
  EXPECT_EQ(::kill(-pid, 0), -1) << "a simulation outlived the sweep";
}

TEST(SweepRun, DurationsWithUnitsAreSecondsInTheTables) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_sweep_durations";
  fs::remove_all(scratch);
  const Json axes = {{{"path", "/serving/deadline"}, {"values", {"2ms", 0.5}}}};
  // "/dataset" (tiny.json's own, so the models stay the same) would have been a second column
  // "dataset", beside the name every row has: it is "dataset_setting".
  const Json dataset = Json::parse(read_file("tests/data/tiny.json"))["dataset"];
  const Json fixed = {{"/load/rate", 800},
                      {"/hosts/episodes/mean_between", "2 s"},
                      {"/hosts/episodes/mean_duration", "20ms"},
                      {"/dataset", dataset}};
  const Outcome run =
      coinsim("sweep " + tiny_sweep(scratch, 2000, {"none"}, axes, Json::object(), fixed).string(),
              scratch);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = csv_rows(scratch / "results" / "summary.csv");
  ASSERT_EQ(rows.size(), 3u);
  // Swept, then set: each a column named after its path, durations in seconds with "_s".
  const std::vector<std::string> settings(rows[0].begin() + 1, rows[0].begin() + 6);
  EXPECT_EQ(settings, std::vector<std::string>({"serving_deadline_s", "dataset_setting",
                                                "hosts_episodes_mean_between_s",
                                                "hosts_episodes_mean_duration_s", "load_rate"}));
  EXPECT_EQ(Json::parse(rows[1][column(rows[0], "dataset_setting")]), dataset);
  EXPECT_EQ(rows[1][column(rows[0], "dataset")], "synthetic");
  EXPECT_EQ(rows[1][0], "deadline=2ms");  // the point keeps the name the user wrote
  EXPECT_EQ(rows[1][1], "0.002");         // the column is numeric: plotted against the deadline
  EXPECT_EQ(rows[2][1], "0.5");
  EXPECT_EQ(rows[2][3], "2.0");
  EXPECT_EQ(rows[2][4], "0.02");
  EXPECT_EQ(rows[2][5], "800");
  // Both points share their models: one configuration, the set values with it, not the deadline.
  const auto accuracy = csv_rows(scratch / "results" / "accuracy.csv");
  EXPECT_EQ(std::vector<std::string>(accuracy[0].begin() + 2, accuracy[0].begin() + 7),
            std::vector<std::string>({"dataset_setting", "hosts_episodes_mean_between_s",
                                      "hosts_episodes_mean_duration_s", "load_rate", "seed"}));
  for (const auto& header : {rows[0], accuracy[0]})
    EXPECT_EQ(std::set<std::string>(header.begin(), header.end()).size(), header.size());
  EXPECT_EQ(accuracy[1][1], "deadline=2ms deadline=0.5");
  expect_figure(scratch / "results", "tail_vs_deadline");
}

TEST(SweepRun, KilledSweepResumesToTheSameTables) {
  const ReferenceRun reference = reference_run("coinsim_sweep_resume", 12000, {"none", "coin"});
  const fs::path& scratch = reference.scratch;
  const fs::path& sweep = reference.sweep;
  const fs::path& results = reference.results;
  const std::string& whole = reference.summary;
  const std::string& whole_accuracy = reference.accuracy;

  // Kill the sweep and its simulations (one process group) once its first point is complete.
  const int pid = start_in_own_group({coinsim_program(), "sweep", sweep.string(), "--jobs", "1"});
  wait_for_a_complete_point(results);
  ::kill(-pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::size_t done_before = complete_points(results);
  ASSERT_GE(done_before, 1u);
  ASSERT_LT(done_before, 6u) << "the sweep ended before it could be killed";
  EXPECT_FALSE(fs::exists(results / "summary.csv"));

  const Outcome resumed = coinsim("sweep " + sweep.string() + " --jobs 2", scratch / "resumed");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("(" + std::to_string(6 - done_before) + " run now)"),
            std::string::npos)
      << resumed.out;
  EXPECT_EQ(read_file(results / "summary.csv"), whole);
  EXPECT_EQ(read_file(results / "accuracy.csv"), whole_accuracy);
}

TEST(SweepRun, TerminatedSweepStopsItsSimulationsAndResumes) {
  const ReferenceRun reference = reference_run("coinsim_sweep_sigterm", 12000, {"none", "coin"});
  const fs::path& scratch = reference.scratch;
  const fs::path& sweep = reference.sweep;
  const fs::path& results = reference.results;
  const std::string& whole = reference.summary;

  // SIGTERM to coinsim alone, as a batch scheduler sends it: coinsim stops its simulations.
  interrupt_sweep(sweep, scratch, SIGTERM, false);
  EXPECT_FALSE(fs::exists(results / "summary.csv"));

  const Outcome resumed = coinsim("sweep " + sweep.string(), scratch / "resumed");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(read_file(results / "summary.csv"), whole);
}

TEST(SweepRun, CtrlCStopsTheSweepAndItsSimulations) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_sweep_sigint";
  fs::remove_all(scratch);
  const fs::path sweep = tiny_sweep(scratch, 12000, {"none", "coin"});
  interrupt_sweep(sweep, scratch, SIGINT, true);  // a terminal's Ctrl-C: the whole group
}

TEST(SweepRun, AFullDiskFailsTheNewPointsAndKeepsTheEarlierOnes) {
  const ReferenceRun reference = reference_run("coinsim_sweep_full_disk");
  const fs::path& scratch = reference.scratch;
  const fs::path& sweep = reference.sweep;
  const fs::path& results = reference.results;
  const std::string& whole = reference.summary;
  ASSERT_EQ(coinsim("sweep " + sweep.string() + " --shard 1/2", scratch / "s1").exit_code, 0);
  const std::string earlier = read_file(results / "rate=500_seed=1" / "summary.json");

  // Files of at most 64 KiB (ulimit -f): a point's queries CSV (~150 KB) cannot be written,
  // as on a full disk.
  const Outcome full =
      run_shell("ulimit -f 64; " + coinsim_program() + " sweep " + sweep.string() + " --jobs 1",
                scratch / "full");
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_NE(full.err.find("queries-none.csv: cannot write: File too large"), std::string::npos)
      << full.err;
  EXPECT_NE(full.err.find("coinsim: 3 of 3 points failed (rate=500_seed=2, rate=1000_seed=2, "
                          "rate=2000_seed=2); the others are complete, re-running retries only "
                          "these\n"),
            std::string::npos)
      << full.err;
  EXPECT_EQ(complete_points(results), 3u);
  EXPECT_EQ(read_file(results / "rate=500_seed=1" / "summary.json"), earlier);
  EXPECT_FALSE(fs::exists(results / "summary.csv"));

  const Outcome later = coinsim("sweep " + sweep.string(), scratch / "later");
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_EQ(read_file(results / "summary.csv"), whole);
}

TEST(SweepRun, ShardsMergedEqualTheWholeSweep) {
  const ReferenceRun reference = reference_run("coinsim_sweep_shards");
  const fs::path& scratch = reference.scratch;
  const fs::path& sweep = reference.sweep;
  const fs::path& results = reference.results;
  const std::string& whole = reference.summary;

  const Outcome first = coinsim("sweep " + sweep.string() + " --shard 1/2", scratch / "s1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(fs::exists(results / "summary.csv"));
  EXPECT_EQ(complete_points(results), 3u);  // points 1, 3, 5 of 6
  EXPECT_TRUE(fs::exists(results / "rate=500_seed=1" / "summary.json"));
  EXPECT_FALSE(fs::exists(results / "rate=500_seed=2" / "summary.json"));
  const Outcome early = coinsim("sweep " + sweep.string() + " --merge", scratch / "early");
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_EQ(early.err, "coinsim: " + results.string() +
                           ": 3 of 6 points are not complete (rate=500_seed=2, rate=1000_seed=2, "
                           "rate=2000_seed=2); run them (every shard) first\n");

  ASSERT_EQ(coinsim("sweep " + sweep.string() + " --shard 2/2", scratch / "s2").exit_code, 0);
  const Outcome merge = coinsim("sweep " + sweep.string() + " --merge", scratch / "merge");
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_EQ(read_file(results / "summary.csv"), whole);
}

// Root may run mpirun only when told it may (CI runs as root); 2 ranks on 2 cores.
Outcome mpirun_two_ranks(const std::string& arguments, const fs::path& scratch) {
  return run_shell(
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun -np 2 --oversubscribe " +
          coinsim_program() + " " + arguments,
      scratch);
}

TEST(SweepRun, TwoMpiRanksShareTheWorkAndEqualTheLocalRun) {
  const ReferenceRun reference = reference_run("coinsim_sweep_mpi");
  const fs::path& scratch = reference.scratch;
  const fs::path& sweep = reference.sweep;
  const fs::path& results = reference.results;
  const std::string& local = reference.summary;
  const std::string& local_accuracy = reference.accuracy;

  const Outcome mpi = mpirun_two_ranks("sweep " + sweep.string() + " --jobs 1", scratch / "mpi");
  ASSERT_EQ(mpi.exit_code, 0) << mpi.out << mpi.err;
  int rank0 = 0, rank1 = 0;
  const auto at = mpi.out.find("points run by each of 2 ranks:");
  ASSERT_NE(at, std::string::npos) << mpi.out;
  ASSERT_EQ(
      std::sscanf(mpi.out.c_str() + at, "points run by each of 2 ranks: %d %d", &rank0, &rank1), 2);
  EXPECT_EQ(rank0 + rank1, 6);
  EXPECT_GE(rank0, 1);
  EXPECT_GE(rank1, 1);
  EXPECT_EQ(read_file(results / "summary.csv"), local);
  EXPECT_EQ(read_file(results / "accuracy.csv"), local_accuracy);

  // From a cold cache the ranks share out the accuracy stages too (two seeds: two stages), and
  // what they train is what the local run trained, byte for byte.
  const fs::path cache = scratch / "cache";
  const fs::path local_cache = scratch / "cache-local";
  fs::rename(cache, local_cache);
  fs::remove_all(results);
  const Outcome cold = mpirun_two_ranks("sweep " + sweep.string() + " --jobs 1", scratch / "cold");
  ASSERT_EQ(cold.exit_code, 0) << cold.out << cold.err;
  EXPECT_NE(cold.out.find("accuracy stages run by each of 2 ranks: 1 1\n"), std::string::npos)
      << cold.out;
  std::size_t tables = 0;
  for (const auto& entry : fs::directory_iterator(local_cache / "tables")) {
    if (entry.path().extension() != ".bin") continue;
    ++tables;
    EXPECT_EQ(read_file(cache / "tables" / entry.path().filename()), read_file(entry.path()))
        << entry.path().filename();
  }
  EXPECT_EQ(tables, 2u);
  EXPECT_EQ(read_file(results / "summary.csv"), local);

  // A sweep that cannot start stops every rank, with rank 0's one-line reason.
  Json broken = Json::parse(read_file(sweep));
  broken["axes"][0]["path"] = "/load/rte";
  write_file_atomically(scratch / "broken.json", broken.dump());
  const Outcome stopped =
      mpirun_two_ranks("sweep " + (scratch / "broken.json").string(), scratch / "stopped");
  EXPECT_NE(stopped.exit_code, 0);
  EXPECT_NE(stopped.err.find("coinsim: " + (scratch / "broken.json").string() +
                             ": /axes/0: /load/rte = 500: /load/rte: unknown key"),
            std::string::npos)
      << stopped.err;
}

TEST(SweepRun, BadCommandLinesAreRefused) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_sweep_bad";
  fs::remove_all(scratch);
  const fs::path sweep = tiny_sweep(scratch, 3000, Json::array());
  const Outcome shard = coinsim("sweep " + sweep.string() + " --shard 3/2", scratch / "shard");
  // Each refused with its reason on the first line, then the usage, exit 2.
  const auto first_line = [](const Outcome& outcome) {
    return std::to_string(outcome.exit_code) + " " + outcome.err.substr(0, outcome.err.find('\n'));
  };
  EXPECT_EQ(first_line(shard), "2 coinsim: --shard 3/2: needs 1 <= i <= n");
  EXPECT_NE(shard.err.find("\nusage: coinsim sweep SWEEP.json [--jobs N]"), std::string::npos);
  EXPECT_EQ(first_line(coinsim("sweep " + sweep.string() + " --shard x", scratch / "x")),
            "2 coinsim: --shard x: expected i/n, e.g. 1/4");
  EXPECT_EQ(first_line(coinsim("run " + sweep.string() + " --jobs 2", scratch / "jobs")),
            "2 coinsim: --jobs goes with sweep only");
  EXPECT_EQ(first_line(coinsim("sweep " + sweep.string() + " --jobs 0", scratch / "zero")),
            "2 coinsim: --jobs 0: needs at least 1");
  EXPECT_EQ(first_line(coinsim("sweep", scratch / "none")), "2 coinsim: sweep: needs a JSON file");
  EXPECT_EQ(first_line(coinsim("plot", scratch / "none")),
            "2 coinsim: plot: needs a results folder");
  EXPECT_EQ(first_line(coinsim("", scratch / "none")), "2 coinsim: no command given");
  EXPECT_EQ(first_line(coinsim("frobnicate x.json", scratch / "none")),
            "2 coinsim: unknown command \"frobnicate\"");
  EXPECT_EQ(first_line(coinsim("run " + sweep.string() + " --list", scratch / "list")),
            "2 coinsim: --list goes with sweep only");
  // --list of a sweep never run, one shard of two: what that shard would run; nothing written.
  const Outcome listed = coinsim("sweep " + sweep.string() + " --list --shard 2/2", scratch / "l");
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.substr(0, listed.out.find("6 points")),
            "shard     rate=500_seed=1\nto run    rate=500_seed=2\nshard     rate=1000_seed=1\n"
            "to run    rate=1000_seed=2\nshard     rate=2000_seed=1\nto run    rate=2000_seed=2\n");
  EXPECT_NE(listed.out.find("6 points: 0 complete, 3 to run by shard 2/2; accuracy stages to "
                            "train or load: 1; "),
            std::string::npos)
      << listed.out;
  EXPECT_FALSE(fs::exists(scratch / "results"));
}

TEST(SweepRun, AccuracyOnlySweepOverADistillationBudget) {
  const fs::path scratch = fs::path(testing::TempDir()) / "coinsim_sweep_accuracy";
  fs::remove_all(scratch);
  // No strategies: the points are accuracy-only; the learned model at two budgets against COIN.
  const fs::path sweep = tiny_sweep(scratch, 3000, Json::array(),
                                    {{{"path", "/coding/distillation/steps"}, {"values", {2, 20}}},
                                     {{"path", "/seed"}, {"values", {1, 2}}}},
                                    {{"methods", {"coin", "learned"}}});
  const Outcome run = coinsim("sweep " + sweep.string(), scratch / "run");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const fs::path results = scratch / "results";
  EXPECT_EQ(line_count(results / "summary.csv"), 1u);
  const auto rows = csv_rows(results / "accuracy.csv");
  ASSERT_EQ(rows.size(), 1u + 4 * 6);  // 4 points x (2 methods x 2 erasures + 2 defaults)
  // The learned model's cost grows with its budget; COIN's does not depend on it.
  const auto& header = rows[0];
  EXPECT_EQ(rows[1][column(header, "coding_distillation_steps")], "2");  // the models' setting
  const auto cost = [&](const std::string& point, const std::string& method) {
    for (const auto& row : rows)
      if (row[column(header, "points")] == point && row[column(header, "method")] == method)
        return std::stod(row[column(header, "construction_flops")]);
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(cost("steps=20_seed=1", "learned"), 10 * cost("steps=2_seed=1", "learned"));
  EXPECT_DOUBLE_EQ(cost("steps=20_seed=1", "coin"), cost("steps=2_seed=1", "coin"));
  expect_figure(results, "degraded_accuracy");
  expect_figure(results, "accuracy_vs_compute");
  EXPECT_FALSE(fs::exists(results / "latency_cdf.png"));

  const Outcome replot = coinsim("plot " + results.string(), scratch / "replot");
  ASSERT_EQ(replot.exit_code, 0) << replot.err;
  EXPECT_NE(replot.out.find("accuracy_vs_compute.pdf"), std::string::npos);
  const Outcome nothing = coinsim("plot " + scratch.string(), scratch / "nothing");
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_EQ(nothing.err,
            "coinsim: " + scratch.string() +
                ": neither a sweep's folder (summary.csv) nor a run's (summary.json)\n");
}

}  // namespace
}  // namespace coinsim
