package main

import (
	"context"
	"strings"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// roleAuthorizer lets each role do its part (docs/temporal-server.md, "Authorization"):
//   - anyone, even without a role: the health checks a client makes to connect;
//   - system (the server's own certificate): everything;
//   - operator: every call of the workflow, operator and Nexus services (not the admin service),
//     with an update's identity, and the approver an approval names, its certificate's CN;
//   - viewer: listing and describing runs, listing schedules, and the queries that show progress
//     and plans; never a history, a schedule's action, a query of the inventory, or any change.
type roleAuthorizer struct {
	logger log.Logger
}

var _ authorization.Authorizer = (*roleAuthorizer)(nil)

func (a *roleAuthorizer) Authorize(
	_ context.Context, claims *authorization.Claims, target *authorization.CallTarget,
) (authorization.Result, error) {
	if authorization.IsHealthCheckAPI(target.APIName) {
		return allow(claims), nil
	}
	subject, r := "", roleNone
	if claims != nil {
		subject = claims.Subject
		r, _ = claims.Extensions.(role)
	}
	var reason string
	switch r {
	case roleSystem:
		return allow(claims), nil
	case roleOperator:
		reason = operatorRefusal(subject, target)
	case roleViewer:
		reason = viewerRefusal(target)
	default:
		reason = "the client certificate's subject " + quote(subject) + " has no role in the roles file"
	}
	if reason == "" {
		return allow(claims), nil
	}
	a.logger.Warn("kubeha authorization: refused",
		tag.NewStringTag("subject", subject),
		tag.NewStringTag("role", string(r)),
		tag.NewStringTag("api", target.APIName),
		tag.NewStringTag("namespace", target.Namespace),
		tag.NewStringTag("reason", reason))
	return authorization.Result{Decision: authorization.DecisionDeny, Reason: reason}, nil
}

func allow(claims *authorization.Claims) authorization.Result {
	result := authorization.Result{Decision: authorization.DecisionAllow}
	if claims != nil {
		result.Principal = principal(claims)
	}
	return result
}

// operatorRefusal is why an operator may not make this call, or "" when it may.
func operatorRefusal(cn string, target *authorization.CallTarget) string {
	service := api.ServiceName(target.APIName)
	if service != api.WorkflowServicePrefix && service != api.OperatorServicePrefix &&
		service != api.NexusServicePrefix {
		return "an operator may not call " + target.APIName + " (the server's own services only)"
	}
	switch req := target.Request.(type) {
	case *workflowservice.UpdateWorkflowExecutionRequest:
		return updateRefusal(cn, req)
	case *workflowservice.ExecuteMultiOperationRequest:
		for _, op := range req.GetOperations() {
			if update := op.GetUpdateWorkflow(); update != nil {
				if reason := updateRefusal(cn, update); reason != "" {
					return reason
				}
			}
		}
	case *workflowservice.SignalWorkflowExecutionRequest:
		return signalRefusal(cn, req.GetSignalName(), req.GetIdentity(), req.GetInput())
	case *workflowservice.SignalWithStartWorkflowExecutionRequest:
		return signalRefusal(cn, req.GetSignalName(), req.GetIdentity(), req.GetSignalInput())
	case *workflowservice.StartBatchOperationRequest:
		// A batch's signals are sent by the server itself, as the system: no approvals that way.
		if signal := req.GetSignalOperation(); signal != nil && recordsWho(signal.GetSignal()) {
			return "signal " + signal.GetSignal() + " is sent to one run at a time, not in a batch"
		}
	}
	return ""
}

// viewerCalls are the calls a viewer may make: what lists runs and schedules and shows a run's
// state, none that returns a history, a workflow's input or a schedule's action (the inventory).
var viewerCalls = map[string]bool{
	api.WorkflowServicePrefix + "ListWorkflowExecutions":       true,
	api.WorkflowServicePrefix + "ListOpenWorkflowExecutions":   true,
	api.WorkflowServicePrefix + "ListClosedWorkflowExecutions": true,
	api.WorkflowServicePrefix + "ScanWorkflowExecutions":       true,
	api.WorkflowServicePrefix + "CountWorkflowExecutions":      true,
	api.WorkflowServicePrefix + "DescribeWorkflowExecution":    true,
	api.WorkflowServicePrefix + "QueryWorkflow":                true,
	api.WorkflowServicePrefix + "ListSchedules":                true,
	api.WorkflowServicePrefix + "CountSchedules":               true,
	api.WorkflowServicePrefix + "DescribeTaskQueue":            true,
	api.WorkflowServicePrefix + "DescribeNamespace":            true,
	api.WorkflowServicePrefix + "ListNamespaces":               true,
	api.WorkflowServicePrefix + "GetSearchAttributes":          true,
	api.WorkflowServicePrefix + "GetClusterInfo":               true,
	api.OperatorServicePrefix + "ListSearchAttributes":         true,
}

// viewerQueries are the queries a viewer may run: kubeha's views of progress and of the plans an
// approver reads, and the SDK's own. Not `inventory` nor `hostWork`, which return what the
// inventory holds; a new query is refused to viewers until it is named here.
var viewerQueries = map[string]bool{
	"phase":                        true,
	"hosts":                        true,
	"status":                       true,
	"initPlan":                     true,
	"upgradePlan":                  true,
	"restorePlan":                  true,
	"resetPlan":                    true,
	"removalPlan":                  true,
	"failedNode":                   true,
	"__stack_trace":                true,
	"__temporal_workflow_metadata": true,
}

// viewerRefusal is why a viewer may not make this call, or "" when it may.
func viewerRefusal(target *authorization.CallTarget) string {
	if !viewerCalls[target.APIName] {
		return "a viewer may not call " + api.MethodName(target.APIName)
	}
	if q, ok := target.Request.(*workflowservice.QueryWorkflowRequest); ok {
		if name := q.GetQuery().GetQueryType(); !viewerQueries[name] {
			return "a viewer may not run query " + quote(name)
		}
	}
	return ""
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
