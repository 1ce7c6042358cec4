// `coinsim sweep` under mpirun or srun: the same sweep across every rank of the job (one rank per
// machine, or several). Rank 0 plans the sweep and computes the accuracy stages while the other
// ranks wait (asleep, not spinning: they would steal cores from the training); then every rank,
// rank 0 included, runs points, `--jobs` simulations at a time, asking rank 0 for the next point
// whenever it has a free slot — dynamic handing out, so fast and slow machines both stay busy.
// Rank 0 collects which points finished or failed and builds the tables. The ranks share the
// results and cache folders (a shared file system, as on any Slurm cluster).
#pragma once

#include "app/sweep_command.hpp"

namespace coinsim {

// True when started by an MPI launcher (Open MPI's mpirun, or srun through PMIx).
bool launched_by_mpi();

int mpi_sweep(const SweepOptions& options);

}  // namespace coinsim
