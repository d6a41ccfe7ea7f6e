/** The one MWAA resource type: an Apache Airflow environment. */
export const ENVIRONMENT = 'AWS::MWAA::Environment';
