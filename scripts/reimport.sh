#!/usr/bin/env bash
# Re-import the district plans from the seeds and reapply the hand polish recorded here.
# The polish is small on purpose: everything else comes from `plancraft import` unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=sources
pc=.venv/bin/plancraft
$pc import "$seeds/chaoyang.txt" -o plans/chaoyang --force --parent beijing \
  --title "朝阳区“十四五”时期民政与社会福利事业发展规划"
sed -i 's/^issuer: 【待填写：发文单位】$/issuer: 朝阳区民政局/' plans/chaoyang/plan.yaml
$pc import "$seeds/tongzhou.txt" -o plans/tongzhou --force --parent beijing
$pc import "$seeds/zhushan.txt" -o plans/zhushan --force
sed -i 's/^issuer: 【待填写：发文单位】$/issuer: 珠山区民政局/' plans/zhushan/plan.yaml
# The extraction cut the table title short (主要指 → 主要指标).
sed -i 's/^title: 珠山区“十四五”时期民政事业发展主要指$/title: 珠山区“十四五”时期民政事业发展主要指标/' plans/zhushan/indicators.yaml
$pc validate plans/chaoyang plans/tongzhou plans/zhushan
