package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	batchpb "go.temporal.io/api/batch/v1"
	commonpb "go.temporal.io/api/common/v1"
	querypb "go.temporal.io/api/query/v1"
	updatepb "go.temporal.io/api/update/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
)

func decide(t *testing.T, r role, cn, method string, req any) authorization.Decision {
	t.Helper()
	a := &roleAuthorizer{logger: log.NewNoopLogger()}
	var claims *authorization.Claims
	if r != "nil" {
		claims = &authorization.Claims{Subject: cn, Extensions: r}
	}
	result, err := a.Authorize(context.Background(), claims, &authorization.CallTarget{APIName: method, Namespace: "default", Request: req})
	if err != nil {
		t.Fatal(err)
	}
	return result.Decision
}

const allowed, denied = authorization.DecisionAllow, authorization.DecisionDeny

func ws(name string) string { return api.WorkflowServicePrefix + name }

func jsonArg(data string) *commonpb.Payloads {
	return &commonpb.Payloads{Payloads: []*commonpb.Payload{{
		Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(data)}}}
}

func update(identity, name, arg string) *workflowservice.UpdateWorkflowExecutionRequest {
	return &workflowservice.UpdateWorkflowExecutionRequest{Request: &updatepb.Request{
		Meta:  &updatepb.Meta{Identity: identity},
		Input: &updatepb.Input{Name: name, Args: jsonArg(arg)}}}
}

func TestWhoMayDoWhat(t *testing.T) {
	cases := []struct {
		name   string
		role   role
		method string
		req    any
		want   authorization.Decision
	}{
		{"no claims: health", "nil", "/grpc.health.v1.Health/Check", nil, allowed},
		{"no claims: system info", "nil", ws("GetSystemInfo"), nil, allowed},
		{"no claims: list", "nil", ws("ListWorkflowExecutions"), nil, denied},
		{"no role: list", roleNone, ws("ListWorkflowExecutions"), nil, denied},
		{"system: admin", roleSystem, api.AdminServicePrefix + "DescribeMutableState", nil, allowed},
		{"viewer: list", roleViewer, ws("ListWorkflowExecutions"), nil, allowed},
		{"viewer: history", roleViewer, ws("GetWorkflowExecutionHistory"), nil, denied},
		{"viewer: describe schedule", roleViewer, ws("DescribeSchedule"), nil, denied},
		{"viewer: start", roleViewer, ws("StartWorkflowExecution"), nil, denied},
		{"viewer: phase query", roleViewer, ws("QueryWorkflow"),
			&workflowservice.QueryWorkflowRequest{Query: &querypb.WorkflowQuery{QueryType: "phase"}}, allowed},
		{"viewer: inventory query", roleViewer, ws("QueryWorkflow"),
			&workflowservice.QueryWorkflowRequest{Query: &querypb.WorkflowQuery{QueryType: "inventory"}}, denied},
		{"operator: history", roleOperator, ws("GetWorkflowExecutionHistory"), nil, allowed},
		{"operator: admin", roleOperator, api.AdminServicePrefix + "DescribeMutableState", nil, denied},
		{"operator: own approval", roleOperator, ws("UpdateWorkflowExecution"), update("ops", "approveUpgrade", `"ops"`), allowed},
		{"operator: init approval object", roleOperator, ws("UpdateWorkflowExecution"), update("ops", "approveInit", `{"approvedBy":"ops"}`), allowed},
		{"operator: other identity", roleOperator, ws("UpdateWorkflowExecution"), update("eve", "approveUpgrade", `"ops"`), denied},
		{"operator: other approver", roleOperator, ws("UpdateWorkflowExecution"), update("ops", "approveUpgrade", `"eve"`), denied},
		{"operator: other retrier", roleOperator, ws("UpdateWorkflowExecution"), update("ops", "retryNode", `"eve"`), denied},
		{"operator: unreadable approver", roleOperator, ws("UpdateWorkflowExecution"), update("ops", "approveInit", `{"who":"ops"}`), denied},
		{"operator: approval in a multi-operation", roleOperator, ws("ExecuteMultiOperation"),
			&workflowservice.ExecuteMultiOperationRequest{Operations: []*workflowservice.ExecuteMultiOperationRequest_Operation{{
				Operation: &workflowservice.ExecuteMultiOperationRequest_Operation_UpdateWorkflow{UpdateWorkflow: update("ops", "approveInit", `{"approvedBy":"eve"}`)}}}}, denied},
		{"operator: other signal", roleOperator, ws("SignalWorkflowExecution"),
			&workflowservice.SignalWorkflowExecutionRequest{SignalName: "hostProgress", Identity: "worker@host"}, allowed},
		{"operator: approval signal", roleOperator, ws("SignalWorkflowExecution"),
			&workflowservice.SignalWorkflowExecutionRequest{SignalName: "approveInit", Identity: "ops", Input: jsonArg(`{"approvedBy":"eve"}`)}, denied},
		{"operator: batch approval", roleOperator, ws("StartBatchOperation"),
			&workflowservice.StartBatchOperationRequest{Operation: &workflowservice.StartBatchOperationRequest_SignalOperation{
				SignalOperation: &batchpb.BatchOperationSignal{Signal: "approveInit"}}}, denied},
	}
	for _, c := range cases {
		if got := decide(t, c.role, "ops", c.method, c.req); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRolesFileIsReadAgainWhenItChanges(t *testing.T) {
	file := filepath.Join(t.TempDir(), "roles.yaml")
	write := func(text string, at time.Time) {
		if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, at, at); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	write("# comment\n\"ops\": operator\nviewer: viewer\n", start)
	r := newRoles(file)
	if got, _ := r.roleOf("ops"); got != roleOperator {
		t.Fatalf("ops: %q", got)
	}
	if got, _ := r.roleOf("eve"); got != roleNone {
		t.Fatalf("eve: %q", got)
	}
	write("\"ops\": viewer\n", start.Add(time.Second))
	if got, _ := r.roleOf("ops"); got != roleViewer {
		t.Fatalf("ops after the edit: %q", got)
	}
	write("\"ops\": admin\n", start.Add(2*time.Second))
	if _, err := r.roleOf("ops"); err == nil {
		t.Fatal("a role other than operator and viewer was taken")
	}
}
