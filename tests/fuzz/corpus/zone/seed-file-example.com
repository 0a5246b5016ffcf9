; origin example.com.
; A typical small zone: what most people serve.
$TTL 3600
@	IN	SOA	ns1.example.com. hostmaster.example.com. (
			2024060101 ; serial
			7200       ; refresh
			3600       ; retry
			1209600    ; expire
			300 )      ; negative caching TTL (RFC 2308)
	IN	NS	ns1
	IN	NS	ns2.example.com.
	IN	MX	10 mail
	IN	MX	20 mail2.example.net.
	IN	TXT	"v=spf1 mx -all"
	IN	CAA	0 issue "letsencrypt.org"
	IN	CAA	128 iodef "mailto:security@example.com"
	IN	A	192.0.2.10
	IN	AAAA	2001:db8::10
ns1	IN	A	192.0.2.1
	IN	AAAA	2001:db8::1
ns2	IN	A	192.0.2.2
mail	IN	A	192.0.2.25
www	IN	CNAME	@
ftp	300	IN	CNAME	www
_sip._tcp	IN	SRV	0 5 5060 sip
sip	IN	A	192.0.2.30
*.wild	IN	A	192.0.2.99
*.wild	IN	TXT	"wildcard" "two strings" "with \"quotes\" and \\backslash"
long	IN	TXT	( "part one "
			  "part two" )
1.2.0.192.in-addr.arpa.example.com. IN PTR ns1
; A delegation with glue.
sub	IN	NS	ns.sub
	IN	NS	ns1
ns.sub	IN	A	192.0.2.53
	IN	AAAA	2001:db8::53
