# function.sh: the bash version of the S3 listing function, fixed with shq.
#
# The event is {"bucket": "...", "prefix": "..."}, prefix optional. Every
# value is checked by `shq check RULE -- "$value"` (quoted: unquoted, a blank
# value expands to no argument at all) and then passed to aws as part of one
# quoted word. It is never pasted into a command line, never eval'ed.
#
# It runs `aws s3 ls "s3://$bucket/$prefix"`, the same argv as the Go
# function. No -- before the path: the word starts with the trusted
# "s3://", so aws cannot read it as an option whatever the values are, and
# the aws CLI does not document -- for s3 ls.

# event_fields EVENT_FILE prints the event's "bucket" and "prefix" (empty
# if absent), each followed by a NUL byte, for `read -d ''`, which keeps
# every byte (command substitution would strip trailing newlines). It fails
# unless the event is exactly one JSON object whose members are "bucket", a
# string, and optionally "prefix", a string, and neither holds a NUL, which
# a bash variable cannot carry. jq's own messages, which may quote the
# event, are dropped.
event_fields() {
	jq -s -j '
		def fail: error("refused");
		def nul_free: if type == "string" and all(explode[]; . != 0) then . else fail end;
		if length != 1 then fail else .[0] end
		| if type != "object" then fail else . end
		| if (keys - ["bucket", "prefix"]) != [] then fail else . end
		| if has("bucket") then . else fail end
		| (.bucket | nul_free) + "\u0000" + (if has("prefix") then .prefix | nul_free else "" end) + "\u0000"
	' "$1" 2>/dev/null
}

# error_response TYPE MESSAGE prints a Lambda error. MESSAGE never holds the
# value: shq's messages give positions and reasons only.
error_response() {
	jq -cn --arg type "$1" --arg message "$2" '{errorType: $type, errorMessage: $message}'
}

# handler EVENT_FILE prints {"listing": ...} or an error and returns 1.
handler() {
	local bucket prefix msg listing
	if ! event_fields "$1" >"$1.fields" ||
		! { IFS= read -r -d '' bucket && IFS= read -r -d '' prefix; } <"$1.fields"; then
		error_response InvalidEvent 'event must be one JSON object with a string "bucket", an optional string "prefix" and nothing else'
		return 1
	fi

	if ! msg=$(shq check s3-bucket -- "$bucket" 2>&1 >/dev/null); then
		error_response InvalidValue "bucket: $msg"
		return 1
	fi
	# An empty prefix lists the top of the bucket. Any other must not be
	# blank (the Go builder refuses that too) and must be an S3 key. It
	# follows s3://$bucket/ in its word, so it cannot be read as an option:
	# --allow-dash lifts the leading '-' check, as the Go template does.
	if [[ -n $prefix ]]; then
		if ! msg=$(shq check --allow-dash not-blank,s3-key-prefix -- "$prefix" 2>&1 >/dev/null); then
			error_response InvalidValue "prefix: $msg"
			return 1
		fi
	fi

	if ! listing=$(aws s3 ls "s3://$bucket/$prefix"); then
		error_response CommandFailed 'aws s3 ls failed (its messages are in the function log)'
		return 1
	fi
	jq -cn --arg listing "$listing" '{listing: $listing}'
}
