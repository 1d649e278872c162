"""The spark-submit entry point for `leadsieve score --engine spark` (docs/spark.md).

    spark-submit --master yarn --py-files leadsieve-X-py3-none-any.whl spark_submit_job.py \
        score s3a://bucket/leads/ --icp icp.yaml --engine spark -o s3a://bucket/scored/

The arguments after the file are `leadsieve`'s own; the session is spark-submit's (its master,
its configuration), found by getOrCreate.
"""

from leadsieve.cli.app import main

if __name__ == "__main__":
    main()
