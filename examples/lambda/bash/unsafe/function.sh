# unsafe/function.sh: the handler from the original bug report, kept only so
# that the end-to-end test can show the bug next to the fix. DO NOT COPY.
#
# $bucket is unquoted: {"bucket": " "} makes it expand to no word at all,
# and `aws s3 ls` with no path lists every bucket in the account;
# {"bucket": "x --profile evil"} becomes three words, two of them options.
# Quoting alone would not fix it either: aws s3 ls "" and aws s3 ls "s3://"
# also list every bucket. See ../function.sh for the fix.
handler() {
	bucket=$(jq -r .bucket "$1")
	aws s3 ls $bucket
}
