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
dermaseg_jvm_flags() {
  local threads="${DERMASEG_THREADS:-$(nproc)}"
  echo "-Xmx${DERMASEG_HEAP:-6g}" \
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
