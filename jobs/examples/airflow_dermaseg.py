"""Airflow DAG: prepare the training data, segment new images incrementally, evaluate; daily.

Needs apache-airflow-providers-apache-spark and a Spark connection (default: spark_default)
whose host is the cluster's master (yarn, spark://..., k8s://...). The worker needs no Maven
and no checkout: only the deployment folder below, holding the prebuilt cluster jar
(mvn -Pcluster[,spark-3.5,scala-2.12] -DskipTests package) and the project's conf/ files.
Not run here (no Airflow on the build machine); the main classes and options are those of jobs/*.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

DEPLOY = "/opt/dermaseg"  # dermaseg.jar, conf/spark-defaults.conf, conf/log4j2.properties
JAR = f"{DEPLOY}/dermaseg.jar"
CORPUS = "s3a://clinic-corpus"


def dermaseg_task(task_id, main_class, args):
    return SparkSubmitOperator(
        task_id=task_id,
        application=JAR,
        java_class=main_class,
        application_args=args,
        properties_file=f"{DEPLOY}/conf/spark-defaults.conf",
        files=f"{DEPLOY}/conf/log4j2.properties",
        conf={
            # Added to the properties file's DJL lines: the project's logging on both sides.
            "spark.driver.extraJavaOptions": "-Dai.djl.offline=true -Dlog4j2.configurationFile=log4j2.properties",
            "spark.executor.extraJavaOptions": "-Dai.djl.offline=true -Dlog4j2.configurationFile=log4j2.properties",
            "spark.executorEnv.ENGINE_CACHE_DIR": "/mnt/tmp/djl",  # where libtorch unpacks, once per node
        },
        deploy_mode="cluster",
        name=f"dermaseg-{task_id}",
    )


with DAG("dermaseg_daily", start_date=datetime(2026, 12, 1), schedule="@daily", catchup=False) as dag:
    prepare = dermaseg_task("prepare_training", "dermaseg.spark.PrepareTrainingJob", [
        "--images", f"{CORPUS}/images/", "--masks", f"{CORPUS}/masks/", "--output", f"{CORPUS}-training/"])
    segment = dermaseg_task("segment", "dermaseg.spark.SegmentJob", [
        "--input", f"{CORPUS}/images/", "--masks", f"{CORPUS}/masks/", "--output", f"{CORPUS}-results/",
        "--incremental"])
    evaluate = dermaseg_task("evaluate", "dermaseg.spark.EvaluateJob", [
        "--segment-output", f"{CORPUS}-results/", "--masks", f"{CORPUS}/masks/",
        "--report", f"{CORPUS}-reports/{{{{ ds }}}}/"])
    prepare >> segment >> evaluate
