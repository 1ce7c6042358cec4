// `coinsim sweep` under mpirun or srun: the same sweep across every rank of the job (one rank per
// machine, or several). Rank 0 plans the sweep and checks the platforms while the other ranks
// wait (asleep, not spinning). Then two rounds of dynamic handing out, each rank, rank 0
// included, asking rank 0 for the next piece of work whenever it is free, so fast and slow
// machines both stay busy: first the distinct accuracy stages (each trained by one rank, in
// process, into the shared cache), then, once every rank is through, the points, `--jobs`
// simulations at a time per rank. Rank 0 collects which finished or failed and builds the
// tables. The ranks share the results and cache folders (a shared file system, as on any Slurm
// cluster); cache entries are written atomically, so two ranks that train the same task models
// for two configurations write the same bytes, one after the other.
#pragma once

#include "app/sweep_command.hpp"

namespace coinsim {

// True when started by an MPI launcher (Open MPI's mpirun, or srun through PMIx).
bool launched_by_mpi();

int mpi_sweep(const SweepOptions& options);

}  // namespace coinsim
