package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMissingOperationID(t *testing.T) {
	doc, log := run(t, `
/export/reporting_data/{job_identifier}:
  get:
    summary: Get export job status
    parameters: [{name: job_identifier, in: path, required: true, schema: {type: string}}]
    responses: {'200': {description: ok}}
/export/enqueue:
  post:
    summary: Enqueue a new reporting data export job
    responses: {'200': {description: ok}}
/x:
  get:
    operationId: getExportJobStatus2
    responses: {'200': {description: ok}}
  post:
    summary: Get export job status
    responses: {'200': {description: ok}}
  put:
    responses: {'200': {description: ok}}
`, "")
	assert.Equal(t, "getExportJobStatus", doc.Paths.Value("/export/reporting_data/{job_identifier}").Get.OperationID)
	assert.Equal(t, "enqueueNewReportingDataExportJob", doc.Paths.Value("/export/enqueue").Post.OperationID)
	// same summary twice: the second falls back to method and path
	assert.Equal(t, "postX", doc.Paths.Value("/x").Post.OperationID)
	assert.Equal(t, "putX", doc.Paths.Value("/x").Put.OperationID)
	assert.Equal(t, "getExportJobStatus2", doc.Paths.Value("/x").Get.OperationID, "existing ids stay")
	assert.Len(t, changesOf(log, "missing-operation-id"), 4)
}

func TestCamelWords(t *testing.T) {
	for in, want := range map[string]string{
		"Get export job status":                  "getExportJobStatus",
		"List available datasets and attributes": "listAvailableDatasetsAndAttributes",
		"get /download/reporting_data/by job_id": "getDownloadReportingDataByJobId",
		"2 step":                                 "op2Step",
		"":                                       "",
	} {
		assert.Equal(t, want, camelWords(in), in)
	}
}
