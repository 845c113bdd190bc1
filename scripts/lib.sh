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

# The Spark line and Scala version of a Spark installation, from its spark-core jar's name
# (jars/spark-core_2.12-3.5.1.jar -> "3.5 2.12"); empty when there is none.
dermaseg_spark_of() {
  local core
  core="$(ls "$1"/jars/spark-core_*.jar 2>/dev/null | head -n 1 || true)"
  if [[ "$core" =~ spark-core_([0-9]+\.[0-9]+)-([0-9]+\.[0-9]+)\. ]]; then
    echo "${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
  fi
}

# The cluster jar for a Spark line and Scala version, and the Maven profiles that build it.
dermaseg_cluster_jar() {
  local line="$1" scala="$2" version
  version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)"
  case "$line/$scala" in
    4.1/2.13) echo "$ROOT/target/dermaseg-$version-spark4.1_2.13.jar cluster" ;;
    3.5/2.13) echo "$ROOT/target/spark3.5_2.13/dermaseg-$version-spark3.5_2.13.jar cluster,spark-3.5" ;;
    3.5/2.12) echo "$ROOT/target/spark3.5_2.12/dermaseg-$version-spark3.5_2.12.jar cluster,spark-3.5,scala-2.12" ;;
    *) return 1 ;;
  esac
}

# A spark.*.extraJavaOptions value of the properties file, so that ours can be added to it
# (a --conf of the same key replaces the file's value rather than adding to it).
dermaseg_conf_value() {
  sed -n "s/^$1[[:space:]]\{1,\}//p" "$2" | tail -n 1
}

# Runs a Spark job's main class: through $SPARK_HOME/bin/spark-submit with the cluster jar when
# SPARK_HOME is set, else in local mode on the project's own classpath, bound to 127.0.0.1. Either
# way Spark settings come from DERMASEG_SPARK_CONF (default conf/spark-defaults.conf).
#   DERMASEG_JAR          a prebuilt cluster jar: no Maven, no checkout build on this machine
#   DERMASEG_SUBMIT_ARGS  spark-submit's own options, quoted as in a shell
#                         (--master yarn --conf "spark.executor.extraJavaOptions=-Da -Db")
dermaseg_run_job() {
  local main_class="$1"; shift
  if [[ -n "${SPARK_HOME:-}" ]]; then
    local spark line scala jar profiles conf
    conf="${DERMASEG_SPARK_CONF:-$ROOT/conf/spark-defaults.conf}"
    spark="$(dermaseg_spark_of "$SPARK_HOME")"
    read -r line scala <<< "$spark"
    if [[ -n "${DERMASEG_JAR:-}" ]]; then
      jar="$DERMASEG_JAR"
      [[ -f "$jar" ]] || { echo "dermaseg: DERMASEG_JAR=$jar: no such file" >&2; exit 2; }
    else
      if ! read -r jar profiles < <(dermaseg_cluster_jar "${line:-4.1}" "${scala:-2.13}"); then
        echo "dermaseg: $SPARK_HOME is Spark $line (Scala $scala); dermaseg builds for Spark 4.1 (Scala 2.13) and 3.5 (Scala 2.12 or 2.13)" >&2
        exit 2
      fi
      if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$jar" -print -quit)" ]]; then
        echo "dermaseg: building the cluster jar (mvn -P$profiles package)..." >&2
        (cd "$ROOT" && mvn -q -B "-P$profiles" -DskipTests package) >&2
      fi
    fi
    # Quoted arguments survive: xargs splits as a shell would, without running anything.
    local -a submit_args=()
    if [[ -n "${DERMASEG_SUBMIT_ARGS:-}" ]]; then
      mapfile -t submit_args < <(xargs printf '%s\n' <<< "$DERMASEG_SUBMIT_ARGS")
    fi
    # The project's logging for the driver and the executors: the file travels with --files to
    # each container's working folder (YARN, Kubernetes); a client-mode driver reads it here.
    local driver_log="file:$ROOT/conf/log4j2.properties"
    if [[ " ${submit_args[*]} " == *" --deploy-mode cluster "* ]]; then
      driver_log="log4j2.properties"
    fi
    local -a defaults=()
    # --load-spark-defaults (Spark 4 and later): --properties-file alone would skip the cluster's
    # own $SPARK_HOME/conf/spark-defaults.conf (master, YARN, event log...); keep both, ours on
    # top. Spark 3.5's spark-submit has no such option and always reads only the one file.
    if [[ "${line%%.*}" -ge 4 ]]; then
      defaults=(--load-spark-defaults)
    fi
    exec "$SPARK_HOME/bin/spark-submit" --class "$main_class" --properties-file "$conf" "${defaults[@]}" \
      --files "$ROOT/conf/log4j2.properties" \
      --conf "spark.driver.extraJavaOptions=$(dermaseg_conf_value spark.driver.extraJavaOptions "$conf") -Dlog4j2.configurationFile=$driver_log" \
      --conf "spark.executor.extraJavaOptions=$(dermaseg_conf_value spark.executor.extraJavaOptions "$conf") -Dlog4j2.configurationFile=log4j2.properties" \
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
# Spark and Hadoop jars this build compiles against (the "provided" dependencies), of the Maven
# profiles in $2 (default: none, Spark 4.1). Spark's launcher needs such a jars/ folder to start
# executor JVMs (local-cluster mode, spark-submit, standalone workers).
dermaseg_standin_spark_home() {
  local home="$1" profiles="${2:-}"
  mkdir -p "$home/jars" "$home/bin"
  (cd "$ROOT" && mvn -q -B ${profiles:+"-P$profiles"} dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$home/provided-classpath.txt") >&2
  tr ':' '\n' < "$home/provided-classpath.txt" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
}
