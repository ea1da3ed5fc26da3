# A hand-written load balancer: nginx stream on 16443 to BACKEND:6443, keepalived with VIP. Args: PRIORITY BACKEND VIP
set -e
PRIO=$1 BACKEND=$2 VIP=$3
mkdir -p /etc/nginx/stream.d
grep -q stream.d /etc/nginx/nginx.conf || printf 'stream {\n  include /etc/nginx/stream.d/*.conf;\n}\n' >> /etc/nginx/nginx.conf
cat > /etc/nginx/stream.d/k8s.conf <<N
upstream k8s_apiserver { server $BACKEND:6443; }
server { listen 16443; proxy_connect_timeout 2s; proxy_pass k8s_apiserver; }
N
cat > /etc/keepalived/keepalived.conf <<K
global_defs { router_id LB_$PRIO }
vrrp_instance VI_1 {
  state $( [ "$PRIO" = 100 ] && echo MASTER || echo BACKUP )
  interface eth0
  virtual_router_id 51
  priority $PRIO
  advert_int 1
  virtual_ipaddress { $VIP/24 }
}
K
systemctl unmask nginx keepalived >/dev/null 2>&1
systemctl enable --now nginx keepalived >/dev/null 2>&1
systemctl is-active nginx keepalived
