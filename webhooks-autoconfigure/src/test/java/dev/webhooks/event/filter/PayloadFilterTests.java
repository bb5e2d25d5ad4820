package dev.webhooks.event.filter;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every operator of the filter language on matching and non-matching envelopes, the edge cases (missing paths,
 * type mismatches, numbers against strings, arrays), and every rule and limit of the parser.
 */
class PayloadFilterTests {

	private static final JsonNode ENVELOPE = JsonMapper.shared().readTree("""
			{"id": "evt_1", "type": "invoice.paid", "created": "2026-03-01T10:00:00Z", "tenant_id": "acme",
			 "data": {"object": {"amount": 150, "price": 9.5, "currency": "EUR", "paid": true, "note": null,
			  "code": "42", "tags": ["vip", "eu"], "scores": [3, 7],
			  "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}], "customer": {"id": "cus_9"}}}}""");

	@Test
	void aBareValueAndEqMatchEqualValuesOfTheSameJsonType() {
		assertMatches("{\"data.object.currency\": \"EUR\"}");
		assertMatches("{\"data.object.currency\": {\"$eq\": \"EUR\"}}");
		assertMatches("{\"data.object.amount\": 150}");
		assertMatches("{\"data.object.amount\": 150.0}");
		assertMatches("{\"data.object.paid\": true}");
		assertMatches("{\"data.object.note\": null}");
		assertMatches("{\"type\": \"invoice.paid\", \"tenant_id\": \"acme\"}");
		assertRejects("{\"data.object.currency\": \"eur\"}");
		assertRejects("{\"data.object.code\": 42}");
		assertRejects("{\"data.object.amount\": \"150\"}");
		assertRejects("{\"data.object.paid\": \"true\"}");
		assertRejects("{\"data.object.missing\": null}");
		assertRejects("{\"data.object.customer\": {\"$eq\": \"cus_9\"}}");
	}

	@Test
	void neqHoldsForADifferentValueADifferentTypeAndAMissingPath() {
		assertMatches("{\"data.object.currency\": {\"$neq\": \"USD\"}}");
		assertMatches("{\"data.object.code\": {\"$neq\": 42}}");
		assertMatches("{\"data.object.missing\": {\"$neq\": 1}}");
		assertRejects("{\"data.object.currency\": {\"$neq\": \"EUR\"}}");
	}

	@Test
	void orderingOperatorsCompareNumbersWithNumbersAndStringsWithStrings() {
		assertMatches("{\"data.object.amount\": {\"$gt\": 100}}");
		assertMatches("{\"data.object.amount\": {\"$gte\": 150}}");
		assertMatches("{\"data.object.amount\": {\"$lt\": 150.5}}");
		assertMatches("{\"data.object.amount\": {\"$lte\": 150}}");
		assertMatches("{\"data.object.price\": {\"$gt\": 9.49, \"$lt\": 9.51}}");
		assertMatches("{\"created\": {\"$gte\": \"2026-03-01T00:00:00Z\"}}");
		assertMatches("{\"data.object.currency\": {\"$lt\": \"USD\"}}");
		assertRejects("{\"data.object.amount\": {\"$gt\": 150}}");
		assertRejects("{\"data.object.amount\": {\"$lt\": 100}}");
		assertRejects("{\"created\": {\"$lt\": \"2026-01-01\"}}");
		// no conversion between strings and numbers, either way
		assertRejects("{\"data.object.code\": {\"$gt\": 1}}");
		assertRejects("{\"data.object.amount\": {\"$gt\": \"1\"}}");
		assertRejects("{\"data.object.paid\": {\"$gt\": 0}}");
		assertRejects("{\"data.object.missing\": {\"$lt\": 1}}");
		assertRejects("{\"data.object.note\": {\"$lt\": 1}}");
	}

	@Test
	void inAndNinTestMembershipOfAList() {
		assertMatches("{\"data.object.currency\": {\"$in\": [\"EUR\", \"USD\"]}}");
		assertMatches("{\"data.object.amount\": {\"$in\": [1, 150.0]}}");
		assertMatches("{\"data.object.note\": {\"$in\": [null]}}");
		assertRejects("{\"data.object.currency\": {\"$in\": [\"GBP\"]}}");
		assertRejects("{\"data.object.missing\": {\"$in\": [\"EUR\"]}}");
		assertMatches("{\"data.object.currency\": {\"$nin\": [\"GBP\", \"CHF\"]}}");
		assertMatches("{\"data.object.missing\": {\"$nin\": [\"GBP\"]}}");
		assertRejects("{\"data.object.currency\": {\"$nin\": [\"EUR\"]}}");
	}

	@Test
	void existsTellsAPathThatIsThereFromOneThatIsNotAndNullIsThere() {
		assertMatches("{\"data.object.customer.id\": {\"$exists\": true}}");
		assertMatches("{\"data.object.note\": {\"$exists\": true}}");
		assertMatches("{\"data.object.missing\": {\"$exists\": false}}");
		assertMatches("{\"data.object.amount.deeper\": {\"$exists\": false}}");
		assertRejects("{\"data.object.amount\": {\"$exists\": false}}");
		assertRejects("{\"data.object.missing\": {\"$exists\": true}}");
	}

	@Test
	void startsWithMatchesAStringPrefixOnly() {
		assertMatches("{\"type\": {\"$startsWith\": \"invoice.\"}}");
		assertMatches("{\"data.object.customer.id\": {\"$startsWith\": \"cus_\"}}");
		assertRejects("{\"type\": {\"$startsWith\": \"Invoice\"}}");
		assertRejects("{\"data.object.amount\": {\"$startsWith\": \"1\"}}");
		assertRejects("{\"data.object.missing\": {\"$startsWith\": \"\"}}");
	}

	@Test
	void anArrayValueMatchesWhenOneOfItsElementsDoesAndAnIndexPicksOne() {
		assertMatches("{\"data.object.tags\": \"vip\"}");
		assertMatches("{\"data.object.tags\": {\"$in\": [\"us\", \"eu\"]}}");
		assertMatches("{\"data.object.scores\": {\"$gt\": 5}}");
		assertMatches("{\"data.object.tags\": {\"$startsWith\": \"v\"}}");
		assertMatches("{\"data.object.tags\": {\"$neq\": \"gold\"}}");
		assertRejects("{\"data.object.tags\": {\"$neq\": \"vip\"}}");
		assertRejects("{\"data.object.tags\": {\"$nin\": [\"eu\"]}}");
		assertRejects("{\"data.object.scores\": {\"$gt\": 7}}");
		assertMatches("{\"data.object.items.1.sku\": \"B-2\"}");
		assertMatches("{\"data.object.tags.0\": \"vip\"}");
		assertRejects("{\"data.object.items.2.sku\": {\"$exists\": true}}");
		// no fan-out over the elements of an array on the way
		assertRejects("{\"data.object.items.sku\": \"A-1\"}");
	}

	@Test
	void theKeysOfADocumentMustAllHold() {
		assertMatches("{\"data.object.amount\": {\"$gt\": 100}, \"data.object.currency\": {\"$in\": [\"EUR\"]}}");
		assertRejects("{\"data.object.amount\": {\"$gt\": 100}, \"data.object.currency\": {\"$in\": [\"USD\"]}}");
		assertMatches("{\"data.object.amount\": {\"$gt\": 100, \"$lt\": 200}}");
		assertRejects("{\"data.object.amount\": {\"$gt\": 100, \"$lt\": 120}}");
		assertMatches("{}");
	}

	@Test
	void andOrAndNotCombineDocuments() {
		assertMatches("{\"$or\": [{\"data.object.currency\": \"USD\"}, {\"data.object.amount\": {\"$gt\": 100}}]}");
		assertRejects("{\"$or\": [{\"data.object.currency\": \"USD\"}, {\"data.object.amount\": {\"$gt\": 200}}]}");
		assertMatches("{\"$and\": [{\"data.object.currency\": \"EUR\"}, {\"data.object.amount\": 150}]}");
		assertRejects("{\"$and\": [{\"data.object.currency\": \"EUR\"}, {\"data.object.amount\": 151}]}");
		assertMatches("{\"$not\": {\"data.object.currency\": \"USD\"}}");
		assertRejects("{\"$not\": {\"data.object.currency\": \"EUR\", \"data.object.paid\": true}}");
		assertMatches("{\"type\": \"invoice.paid\", \"$not\": {\"$or\": [{\"tenant_id\": \"globex\"}, "
				+ "{\"data.object.paid\": false}]}}");
	}

	@Test
	void theDocumentIsKeptAsCompactJsonAndAnEmptyOneIsMarked() {
		PayloadFilter filter = PayloadFilter.parse("{ \"data.object.amount\" : { \"$gt\" : 100 } }");

		assertThat(filter.json()).isEqualTo("{\"data.object.amount\":{\"$gt\":100}}");
		assertThat(filter).isEqualTo(PayloadFilter.of(filter.tree()));
		assertThat(filter.isEmpty()).isFalse();
		assertThat(PayloadFilter.parse("{}").isEmpty()).isTrue();
	}

	@Test
	void anEnvelopeIsReadFromItsBytes() {
		JsonNode envelope = PayloadFilter.readEnvelope("{\"type\":\"a.b\",\"data\":{\"object\":{\"n\":1.5}}}"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(PayloadFilter.parse("{\"data.object.n\": {\"$gt\": 1.4}}").matches(envelope)).isTrue();
	}

	@Test
	void aDocumentThatIsNotAnObjectOrNotJsonIsRefused() {
		assertInvalid("[]", "filter", "document");
		assertInvalid("\"type\"", "filter", "document");
		assertInvalid("{\"type\": ", "filter", "malformed-json");
		assertInvalid("{\"type\": \"a\"} {}", "filter", "malformed-json");
		assertInvalid("{\"type\": \"a\", \"type\": \"b\"}", "filter", "malformed-json");
		assertInvalid("{\"$or\": [[]]}", "filter.$or[0]", "document");
		assertInvalid("{\"$not\": \"x\"}", "filter.$not", "document");
	}

	@Test
	void anUnknownOrMisplacedOperatorIsRefusedWhereItIs() {
		assertInvalid("{\"data.object.amount\": {\"$gtt\": 1}}", "filter.data.object.amount.$gtt", "unknown-operator");
		assertInvalid("{\"$regex\": \"x\"}", "filter.$regex", "unknown-operator");
		assertInvalid("{\"$gt\": 1}", "filter.$gt", "operator-without-path");
		assertInvalid("{\"data.object\": {\"$or\": []}}", "filter.data.object.$or", "logical-operator-on-path");
		assertInvalid("{\"data.object\": {\"amount\": 1}}", "filter.data.object.amount", "nested-document");
		assertInvalid("{\"data.object\": {}}", "filter.data.object", "operators-required");
		assertInvalid("{\"data.object.tags\": [\"vip\"]}", "filter.data.object.tags", "array-value");
	}

	@Test
	void anOperandOfTheWrongKindIsRefusedWhereItIs() {
		assertInvalid("{\"a\": {\"$eq\": [1]}}", "filter.a.$eq", "scalar-operand");
		assertInvalid("{\"a\": {\"$neq\": {}}}", "filter.a.$neq", "scalar-operand");
		assertInvalid("{\"a\": {\"$gt\": true}}", "filter.a.$gt", "comparable-operand");
		assertInvalid("{\"a\": {\"$lte\": null}}", "filter.a.$lte", "comparable-operand");
		assertInvalid("{\"a\": {\"$in\": \"EUR\"}}", "filter.a.$in", "list-operand");
		assertInvalid("{\"a\": {\"$nin\": []}}", "filter.a.$nin", "list-operand");
		assertInvalid("{\"a\": {\"$in\": [1, [2]]}}", "filter.a.$in[1]", "scalar-operand");
		assertInvalid("{\"a\": {\"$exists\": 1}}", "filter.a.$exists", "boolean-operand");
		assertInvalid("{\"a\": {\"$startsWith\": 1}}", "filter.a.$startsWith", "string-operand");
		assertInvalid("{\"$and\": []}", "filter.$and", "document-list");
		assertInvalid("{\"$or\": {\"a\": 1}}", "filter.$or", "document-list");
	}

	@Test
	void aPathWithAnEmptySegmentOrADollarSegmentIsRefused() {
		assertInvalid("{\"data..amount\": 1}", "filter.data..amount", "invalid-path");
		assertInvalid("{\".data\": 1}", "filter..data", "invalid-path");
		assertInvalid("{\"data.\": 1}", "filter.data.", "invalid-path");
		assertInvalid("{\"data.$x\": 1}", "filter.data.$x", "invalid-path");
		assertInvalid("{\"$or\": [{\"a\": 1}, {\"b..c\": 1}]}", "filter.$or[1].b..c", "invalid-path");
	}

	@Test
	void theLimitsOnSizeDepthOperatorsListsAndPathsHold() {
		String big = "{\"a\": \"" + "x".repeat(PayloadFilter.MAX_SIZE) + "\"}";
		assertInvalid(big, "filter", "max-size");
		assertInvalid("{\"a\": \"" + "é".repeat(PayloadFilter.MAX_SIZE / 2) + "\"}", "filter", "max-size");

		String nested = "{\"a\": 1}";
		for (int i = 0; i < 5; i++) {
			nested = "{\"$not\": " + nested + "}";
		}
		assertThat(PayloadFilter.parse(nested).matches(ENVELOPE)).isTrue();
		assertInvalid("{\"$not\": " + "{\"$not\": ".repeat(8) + "{\"a\": 1}" + "}".repeat(9), null, "max-depth");
		assertInvalid("{\"$or\": [{\"$or\": [{\"$or\": [{\"$or\": [{\"a\": 1}]}]}]}]}", null, "max-depth");

		String operators = IntStream.range(0, FilterParser.MAX_CONDITIONS + 1)
			.mapToObj((i) -> "\"p" + i + "\": " + i)
			.collect(Collectors.joining(", ", "{", "}"));
		assertInvalid(operators, "filter.p" + FilterParser.MAX_CONDITIONS, "max-conditions");
		String justEnough = IntStream.range(0, FilterParser.MAX_CONDITIONS)
			.mapToObj((i) -> "\"p" + i + "\": {\"$exists\": false}")
			.collect(Collectors.joining(", ", "{", "}"));
		assertThat(PayloadFilter.parse(justEnough).matches(ENVELOPE)).isTrue();

		String list = IntStream.range(0, FilterParser.MAX_LIST_LENGTH + 1)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(", ", "{\"a\": {\"$in\": [", "]}}"));
		assertInvalid(list, "filter.a.$in", "max-list-length");
		String documents = IntStream.range(0, FilterParser.MAX_LIST_LENGTH + 1)
			.mapToObj((i) -> "{}")
			.collect(Collectors.joining(", ", "{\"$or\": [", "]}"));
		assertInvalid(documents, "filter.$or", "max-list-length");

		assertInvalid("{\"" + "a.".repeat(FilterParser.MAX_PATH_SEGMENTS) + "a\": 1}", null, "max-path-segments");
		assertInvalid("{\"" + "a".repeat(FilterParser.MAX_PATH_LENGTH + 1) + "\": 1}", null, "max-path-length");
	}

	@Test
	void aFilterIsDataAndNothingInItIsEvaluated() {
		// what would be an expression elsewhere is a plain string compared for equality here
		PayloadFilter filter = PayloadFilter.parse("{\"type\": \"#{T(java.lang.Runtime).getRuntime().exit(1)}\", "
				+ "\"data.object.code\": {\"$startsWith\": \"${user.home}\"}}");

		assertThat(filter.matches(ENVELOPE)).isFalse();
		assertThat(PayloadFilter.parse("{\"type\": {\"$startsWith\": \"${\"}}").matches(JsonMapper.shared()
			.readTree("{\"type\": \"${x}\"}"))).isTrue();
	}

	private static void assertMatches(String filter) {
		assertThat(PayloadFilter.parse(filter).matches(ENVELOPE)).as(filter).isTrue();
	}

	private static void assertRejects(String filter) {
		assertThat(PayloadFilter.parse(filter).matches(ENVELOPE)).as(filter).isFalse();
	}

	private static void assertInvalid(String filter, String field, String rule) {
		assertThatExceptionOfType(InvalidFilterException.class).as(filter)
			.isThrownBy(() -> PayloadFilter.parse(filter))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).as(filter).isEqualTo(rule);
				if (field != null) {
					assertThat(ex.getField()).as(filter).isEqualTo(field);
				}
				assertThat(ex.getMessage()).isNotBlank();
			});
	}

}
