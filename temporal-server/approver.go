package main

import (
	"encoding/json"
	"strings"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/authorization"
)

// The approver a run records is the first argument of its approval update (kubeha's workflows
// cannot see who sent an update, only what it says). The server makes that argument, and the
// update's own identity, the sender's certificate CN: so the name in history is one the client's
// certificate proves.

// recordsWho: updates and signals whose first argument names who did it (the approvals, and an
// upgrade's retry of a failed node).
func recordsWho(name string) bool {
	return strings.HasPrefix(name, "approve") || name == "retryNode"
}

// updateRefusal is why an operator's update is refused, or "".
func updateRefusal(cn string, req *workflowservice.UpdateWorkflowExecutionRequest) string {
	if identity := req.GetRequest().GetMeta().GetIdentity(); identity != cn {
		return "an update's identity " + quote(identity) + " must be the client certificate's subject " + quote(cn)
	}
	input := req.GetRequest().GetInput()
	return actorRefusal(cn, input.GetName(), input.GetArgs())
}

// signalRefusal is why an operator's signal is refused, or "": only approvals are checked.
func signalRefusal(cn, name, identity string, input *commonpb.Payloads) string {
	if !recordsWho(name) {
		return ""
	}
	if identity != cn {
		return "signal " + name + "'s identity " + quote(identity) + " must be the client certificate's subject " + quote(cn)
	}
	return actorRefusal(cn, name, input)
}

// actorRefusal: an update or signal that records who did it must name the certificate's CN.
func actorRefusal(cn, name string, args *commonpb.Payloads) string {
	if !recordsWho(name) {
		return ""
	}
	who, ok := actorOf(args)
	if !ok {
		return name + "'s first argument is not a JSON string or object with approvedBy the server can read"
	}
	if who != cn {
		return name + " names " + quote(who) + "; it must name the client certificate's subject " + quote(cn)
	}
	return ""
}

// actorOf reads who the first argument names: a JSON string ("ops"), or an object's approvedBy
// ({"approvedBy": "ops"}, kubeha's ApproveInitRequest). Other encodings (a codec's) do not read.
func actorOf(args *commonpb.Payloads) (string, bool) {
	payloads := args.GetPayloads()
	if len(payloads) == 0 || string(payloads[0].GetMetadata()["encoding"]) != "json/plain" {
		return "", false
	}
	var who string
	if json.Unmarshal(payloads[0].GetData(), &who) == nil {
		return who, true
	}
	var object struct {
		ApprovedBy *string `json:"approvedBy"`
	}
	if json.Unmarshal(payloads[0].GetData(), &object) == nil && object.ApprovedBy != nil {
		return *object.ApprovedBy, true
	}
	return "", false
}

func principal(claims *authorization.Claims) *commonpb.Principal {
	return &commonpb.Principal{Type: claims.AuthType, Name: claims.Subject}
}
