#!/usr/bin/env bash
# spark-submit to Kubernetes with the jar inside the image (jobs/examples/Dockerfile): the
# local:// scheme means "already in the container", so nothing is uploaded.
#   K8S_API=https://<api-server>:6443 IMAGE=registry/dermaseg:0.1.0 jobs/examples/kubernetes.sh \
#     --input s3a://corpus/images/ --output s3a://results/lesions/ --incremental
# Not run here (no Kubernetes on the build machine).
set -euo pipefail
exec "${SPARK_HOME:?set SPARK_HOME to a Spark of the same version as the image}/bin/spark-submit" \
  --master "k8s://${K8S_API:?}" --deploy-mode cluster --name dermaseg-segment \
  --class dermaseg.spark.SegmentJob \
  --properties-file "$(dirname "$0")/../../conf/spark-defaults.conf" \
  --conf spark.kubernetes.container.image="${IMAGE:?}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-spark}" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --conf "spark.driver.extraJavaOptions=-Dai.djl.offline=true -Dlog4j2.configurationFile=file:/opt/dermaseg/conf/log4j2.properties" \
  --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true -Dlog4j2.configurationFile=file:/opt/dermaseg/conf/log4j2.properties" \
  local:///opt/dermaseg/dermaseg.jar "$@"
