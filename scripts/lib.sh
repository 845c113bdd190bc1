# Shared by the launchers in scripts/ and jobs/: build on demand, classpath, JVM flags.
# Sourced, not run. Expects ROOT to be the project root.

dermaseg_build_if_stale() {
  local stamp="$ROOT/target/classpath.txt"
  if [[ ! -f "$stamp" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$stamp" -print -quit)" ]]; then
    echo "dermaseg: building (mvn compile)..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests compile) >&2
    touch "$stamp"
  fi
}

dermaseg_classpath() {
  echo "$ROOT/target/classes:$(cat "$ROOT/target/classpath.txt")"
}

# DJL must never reach the network; Spark on Java 17 needs the module openings its launcher adds.
# dermaseg.home is the project root (the trainer records its git commit in the model card).
# One flag per line, so that a project path with spaces survives: read them with mapfile.
dermaseg_jvm_flags() {
  local threads="${DERMASEG_THREADS:-$(nproc)}"
  printf '%s\n' "-Xmx${DERMASEG_HEAP:-6g}" "-Ddermaseg.home=$ROOT" \
    -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
    "-Dai.djl.pytorch.num_threads=$threads" -Dai.djl.pytorch.num_interop_threads=1 \
    "-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties" \
    -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
    --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
    -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
}

# Runs a Spark job's main class: through $SPARK_HOME/bin/spark-submit with the cluster jar when
# SPARK_HOME is set (spark-submit options from DERMASEG_SUBMIT_ARGS), else in local mode on the
# project's own classpath, bound to 127.0.0.1. Either way Spark settings come from
# DERMASEG_SPARK_CONF (default conf/spark-defaults.conf).
dermaseg_run_job() {
  local main_class="$1"; shift
  if [[ -n "${SPARK_HOME:-}" ]]; then
    local jar="$ROOT/target/dermaseg-cluster.jar"
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$jar" -print -quit)" ]]; then
      echo "dermaseg: building the cluster jar (mvn -Pcluster package)..." >&2
      (cd "$ROOT" && mvn -q -B -Pcluster -DskipTests package) >&2
    fi
    # DERMASEG_SUBMIT_ARGS: spark-submit's own options (--master, --deploy-mode, --conf ...).
    local -a submit_args=()
    read -r -a submit_args <<< "${DERMASEG_SUBMIT_ARGS:-}"
    # --load-spark-defaults: since Spark 4, --properties-file alone skips the cluster's own
    # $SPARK_HOME/conf/spark-defaults.conf (master, YARN, event log...); keep both, ours on top.
    exec "$SPARK_HOME/bin/spark-submit" --class "$main_class" \
      --properties-file "${DERMASEG_SPARK_CONF:-$ROOT/conf/spark-defaults.conf}" --load-spark-defaults \
      --conf "spark.dermaseg.program=$0" \
      "${submit_args[@]}" "$jar" "$@"
  fi
  dermaseg_build_if_stale
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  local -a jvm_flags
  mapfile -t jvm_flags < <(DERMASEG_THREADS=1 dermaseg_jvm_flags)
  # The properties file is read by the job itself (SparkSessions), as spark-submit would read it:
  # its values never become command-line flags, so a secret key in it is not shown by ps.
  exec java "${jvm_flags[@]}" "-Ddermaseg.spark.properties=${DERMASEG_SPARK_CONF:-$ROOT/conf/spark-defaults.conf}" \
    "-Ddermaseg.program=$0" \
    -cp "$(dermaseg_classpath)" "$main_class" "$@"
}

# Test classes too (the benchmarks live beside the tests so they never ship in the jar).
# Maven's incremental compile makes this a few seconds when nothing changed.
dermaseg_build_tests() {
  dermaseg_build_if_stale
  (cd "$ROOT" && mvn -q -B test-compile) >&2
}

# Every dependency jar of the tests (test libraries included: DuckDB, S3Proxy's client side),
# for the commands in scripts/ that run test-side code (the fault check); kept in
# target/test-classpath.txt.
dermaseg_test_dependencies() {
  local file="$ROOT/target/test-classpath.txt"
  if [[ ! -f "$file" || "$ROOT/pom.xml" -nt "$file" ]]; then
    (cd "$ROOT" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file") >&2
  fi
  cat "$file"
}

# Lays out a stand-in SPARK_HOME in $1 for machines with no Spark distribution: jars/ links the
# Spark and Hadoop jars this build compiles against (the "provided" dependencies). Spark's
# launcher needs such a jars/ folder to start executor JVMs (local-cluster mode, spark-submit).
dermaseg_standin_spark_home() {
  local home="$1"
  mkdir -p "$home/jars" "$home/bin"
  (cd "$ROOT" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$home/provided-classpath.txt") >&2
  tr ':' '\n' < "$home/provided-classpath.txt" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
}
