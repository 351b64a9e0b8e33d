#!/usr/bin/env bash
# Installs the Debian packages the quality-bench corpora are exported from (R and its r-cran-*
# data packages, sklearn, vega_datasets): the development corpus's, then the six held-out sets'.
# Idempotent; run as root once per machine.
set -euo pipefail
PKGS=(r-base-core r-cran-ggplot2 r-cran-cardata r-cran-survival r-cran-rpart r-cran-boot r-cran-mlbench
  r-cran-palmerpenguins r-cran-aer r-cran-hsaur3 r-cran-dslabs r-cran-modeldata r-cran-vcd
  python3-sklearn python3-vega-datasets
  r-cran-th.data r-cran-nlme r-cran-lme4 r-cran-survey r-cran-geepack r-cran-ordinal r-cran-pscl
  r-cran-quantreg r-cran-vcdextra r-cran-kernlab r-cran-sandwich r-cran-multcomp r-cran-robustbase
  r-cran-coin
  r-cran-mlmrev r-cran-epi r-cran-epitools r-cran-plm r-cran-gss r-cran-randomforest r-cran-caret
  r-cran-lmertest r-cran-glmmtmb r-cran-psychotools r-cran-flexmix r-cran-emmeans r-cran-psych
  r-cran-lavaan r-cran-vgam r-cran-lattice
  r-cran-kmsurv r-cran-mice r-cran-spdata r-cran-ipred r-cran-proc r-cran-segmented r-cran-sem
  r-cran-mi r-cran-sp r-cran-sampling r-cran-etm r-cran-party r-cran-partykit r-cran-arm r-cran-gnm
  r-cran-dplyr r-cran-teachingdemos r-cran-lmtest
  r-cran-arsenal r-cran-pammtools r-cran-pec r-cran-riskregression r-cran-publish r-cran-cutpointr
  r-cran-msm r-cran-psychtools r-cran-multilevel r-cran-mcmcpack r-cran-laeken r-cran-guerry
  r-cran-matching r-cran-afex r-cran-emdbook r-cran-factominer r-cran-bradleyterry2 r-cran-learnbayes
  r-cran-bayesm r-cran-gstat
  r-cran-ggally r-cran-hexbin r-cran-timereg r-cran-survminer r-cran-beeswarm r-cran-relsurv
  r-cran-mclust r-cran-haplo.stats r-cran-lasso2 r-cran-dosefinding r-cran-sm r-cran-bridgesampling
  r-cran-rrcov r-cran-clubsandwich r-cran-sn r-cran-mnp r-cran-reshape2 r-cran-lava r-cran-openmx
  r-cran-lubridate
  r-cran-zelig r-cran-amelia r-cran-vim r-cran-discriminer r-cran-ks r-cran-gclus r-cran-kmi
  r-cran-epicalc r-cran-rtdists r-cran-estimatr r-cran-collapse r-cran-mertools
  r-cran-optimalcutpoints r-cran-locfit r-cran-parameters r-cran-eco r-cran-fitdistrplus r-cran-deal
  r-cran-ggridges r-cran-surveillance)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" = 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then echo "bench/quality/setup.sh: missing Debian packages: ${missing[*]} (run as root)" >&2; exit 1; fi
echo "bench/quality/setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
