package main

import (
	"bytes"

	"go.temporal.io/server/common/authorization"
)

// certificateClaims maps the verified client certificate to claims: its subject's CN, and the role
// the roles file gives that CN. The server's own certificate (the same public key as the one the
// server's system worker presents, a key only the server holds) is the system.
type certificateClaims struct {
	roles     *roles
	serverKey []byte
}

var _ authorization.ClaimMapper = (*certificateClaims)(nil)

func (m *certificateClaims) GetClaims(info *authorization.AuthInfo) (*authorization.Claims, error) {
	cert := authorization.PeerCert(info.TLSConnection)
	if cert == nil {
		// Only a verified chain counts; the frontend requires one, so this is belt and braces.
		return &authorization.Claims{Extensions: roleNone}, nil
	}
	claims := &authorization.Claims{Subject: cert.Subject.CommonName, AuthType: "mtls"}
	if bytes.Equal(cert.RawSubjectPublicKeyInfo, m.serverKey) {
		claims.System = authorization.RoleAdmin
		claims.Extensions = roleSystem
		return claims, nil
	}
	r, err := m.roles.roleOf(claims.Subject)
	if err != nil {
		return nil, err
	}
	claims.Extensions = r
	return claims, nil
}
