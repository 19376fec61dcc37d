package validate

import "strings"

// IAMName accepts the name of an IAM user or role
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
// 1 to 64 bytes of A-Z a-z 0-9 and _ + = , . @ -. IAM compares names
// without regard to case, so two names that differ only in case are the
// same principal. For group and policy names, which may be 128 bytes, use
// IAMGroupName and IAMPolicyName.
//
// It admits a leading '-' (IAM does); the command builder's option check is
// what stops an option-shaped value in operand position.
func IAMName(s string) error { return report("iam-name", s, iamName(s, 64)) }

// IAMGroupName accepts the name of an IAM group: the IAMName rule with a
// limit of 128 bytes
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// It admits a leading '-'; the command builder's option check is what stops
// an option-shaped value in operand position.
func IAMGroupName(s string) error { return report("iam-group-name", s, iamName(s, 128)) }

// IAMPolicyName accepts the name of an IAM managed policy: the IAMName rule
// with a limit of 128 bytes
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// It admits a leading '-'; the command builder's option check is what stops
// an option-shaped value in operand position.
func IAMPolicyName(s string) error { return report("iam-policy-name", s, iamName(s, 128)) }

func iamName(s string, max int) fault {
	if s == "" {
		return emptyFault
	}
	if f := iamChars.scan(s, iamOutside); !f.ok() {
		return f
	}
	return lengthFault(len(s), 1, max)
}

// DynamoDBTable accepts a DynamoDB table name
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html):
// 3 to 255 bytes of A-Z a-z 0-9 _ . -.
//
// It admits a leading '-' (DynamoDB does); the command builder's option
// check is what stops an option-shaped value in operand position.
func DynamoDBTable(s string) error { return report("dynamodb-table", s, dynamoDBTable(s)) }

func dynamoDBTable(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := dynamoChars.scan(s, dynamoOutside); !f.ok() {
		return f
	}
	return lengthFault(len(s), 3, 255)
}

// SQSQueue accepts an SQS queue name
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html):
// 1 to 80 bytes of A-Z a-z 0-9 _ -, and for a FIFO queue the suffix .fifo,
// which counts toward the 80.
//
// It admits a leading '-' (SQS does); the command builder's option check is
// what stops an option-shaped value in operand position.
func SQSQueue(s string) error { return report("sqs-queue", s, fifoName(s, 80)) }

// SNSTopic accepts an SNS topic name
// (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html):
// 1 to 256 bytes of A-Z a-z 0-9 _ -, and for a FIFO topic the suffix .fifo,
// which counts toward the 256.
//
// It admits a leading '-' (SNS does); the command builder's option check is
// what stops an option-shaped value in operand position.
func SNSTopic(s string) error { return report("sns-topic", s, fifoName(s, 256)) }

func fifoName(s string, max int) fault {
	if s == "" {
		return emptyFault
	}
	base := strings.TrimSuffix(s, ".fifo")
	if base == "" {
		return at(0, "empty name before the FIFO suffix")
	}
	if f := queueChars.scan(base, queueOutside); !f.ok() {
		return f
	}
	return lengthFault(len(s), 1, max)
}

// LambdaFunction accepts what the Lambda API takes as a FunctionName
// (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html,
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html), in one of
// three forms, each with an optional :qualifier:
//
//   - a name, 1 to 64 bytes of A-Z a-z 0-9 _ -: my-function;
//   - a partial ARN: 123456789012:function:my-function;
//   - a full ARN: arn:aws:lambda:us-west-2:123456789012:function:my-function,
//     with a partition as for ARN and a region as for AWSRegion.
//
// The qualifier is $LATEST, a version number (digits, no leading zero) or
// an alias (1 to 128 bytes of A-Z a-z 0-9 _ -, not all digits). The whole
// value is at most 170 bytes. The API's published pattern is unanchored:
// used as is it accepts "my function; rm -rf /".
//
// It admits a leading '-' (Lambda does); the command builder's option check
// is what stops an option-shaped value in operand position.
func LambdaFunction(s string) error { return report("lambda-function", s, lambdaFunction(s)) }

func lambdaFunction(s string) fault {
	if s == "" {
		return emptyFault
	}
	if len(s) > 170 {
		return whole("want at most 170")
	}
	off := 0
	rest := s
	switch {
	case strings.HasPrefix(s, "arn:"):
		var sec [5]string
		for i := range sec {
			j := strings.IndexByte(rest, ':')
			if j < 0 {
				return whole("incomplete function ARN")
			}
			sec[i], rest = rest[:j], rest[j+1:]
			off += j + 1
		}
		if !isPartition(sec[1]) {
			return at(4, "unknown partition")
		}
		if sec[2] != "lambda" {
			return at(5+len(sec[1]), "service is not lambda")
		}
		if !isRegion(sec[3]) {
			return at(6+len(sec[1])+len(sec[2]), "region: not a partition prefix, direction and number")
		}
		if !isAccountID(sec[4]) {
			return at(7+len(sec[1])+len(sec[2])+len(sec[3]), "account: want 12 digits")
		}
		if !strings.HasPrefix(rest, "function:") {
			return at(off, "want function: before the name")
		}
		off += len("function:")
		rest = rest[len("function:"):]
	case len(s) > 13 && s[12] == ':' && allDigits(s[:12]):
		rest = s[13:]
		off = 13
		if !strings.HasPrefix(rest, "function:") {
			return at(off, "want function: before the name")
		}
		off += len("function:")
		rest = rest[len("function:"):]
	}
	name, qual, hasQual := strings.Cut(rest, ":")
	if name == "" {
		return at(off, "empty function name")
	}
	if f := queueChars.scan(name, nameOutside); !f.ok() {
		return within(f, off, "name", len(name))
	}
	if len(name) > 64 {
		return at(off, "name longer than 64")
	}
	if hasQual {
		if f := lambdaQualifier(qual); !f.ok() {
			return within(f, off+len(name)+1, "qualifier", len(qual))
		}
	}
	return okFault
}

func lambdaQualifier(q string) fault {
	switch {
	case q == "$LATEST":
		return okFault
	case q == "":
		return emptyFault
	case allDigits(q):
		if q[0] == '0' {
			return at(0, "version with a leading zero")
		}
		return okFault
	}
	if f := queueChars.scan(q, "character outside A-Z a-z 0-9 _ - (or the latest-version marker)"); !f.ok() {
		return f
	}
	return lengthFault(len(q), 1, 128)
}
