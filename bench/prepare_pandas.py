"""The pandas equivalent of @mle-smith/data's prepare step, for bench/prepare.mjs:
read the CSV, describe it, split it 80/20 and write train/test/answers."""
import os
import resource
import sys
import time

import pandas as pd
from sklearn.model_selection import train_test_split

src, out = sys.argv[1], sys.argv[2]
t0 = time.time()
df = pd.read_csv(src)
profile = df.describe(include="all")
nunique = df.nunique()
train, test = train_test_split(df, test_size=0.2, random_state=42)
os.makedirs(os.path.join(out, "public"), exist_ok=True)
os.makedirs(os.path.join(out, "private"), exist_ok=True)
train.to_csv(os.path.join(out, "public", "train.csv"), index=False)
test.drop(columns=["label"]).to_csv(os.path.join(out, "public", "test.csv"), index=False)
test[["id", "label"]].to_csv(os.path.join(out, "private", "answers.csv"), index=False)
print(f"pandas: rows={len(df)} train={len(train)} test={len(test)} seconds={time.time() - t0:.2f} "
      f"maxrss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
