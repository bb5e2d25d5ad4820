package dev.webhooks.event.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.webhooks.event.filter.ValueTest.Comparison;
import dev.webhooks.event.filter.ValueTest.Operand;

/**
 * Turns a filter document into a tree of {@link Condition conditions}, checking every rule and limit on the way;
 * the first broken one is reported with the place it is at. Only the operators listed here exist: the document is
 * data, and nothing in it is ever evaluated as an expression.
 */
final class FilterParser {

	/** Deepest nesting of documents, operator objects and lists. */
	static final int MAX_DEPTH = 8;

	/** Most operators (path tests and logical operators) in one filter. */
	static final int MAX_CONDITIONS = 64;

	/** Longest list of {@code $and}, {@code $or}, {@code $in} and {@code $nin}. */
	static final int MAX_LIST_LENGTH = 64;

	/** Most segments of one path. */
	static final int MAX_PATH_SEGMENTS = 16;

	/** Longest path, in characters. */
	static final int MAX_PATH_LENGTH = 256;

	private static final Set<String> PATH_OPERATORS = Set.of("$eq", "$neq", "$gt", "$gte", "$lt", "$lte", "$in",
			"$nin", "$exists", "$startsWith");

	private static final Set<String> LOGICAL_OPERATORS = Set.of("$and", "$or", "$not");

	private int conditions;

	private FilterParser() {
	}

	static Condition parse(JsonNode document) {
		return new FilterParser().document(document, PayloadFilter.FIELD, 1);
	}

	private Condition document(JsonNode node, String field, int depth) {
		if (!node.isObject()) {
			throw new InvalidFilterException(field, "document",
					"'" + field + "' must be a JSON object of paths and operators");
		}
		checkDepth(field, depth);
		List<Condition> all = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String key = entry.getKey();
			String keyField = field + "." + key;
			if (key.startsWith("$")) {
				all.add(logical(key, entry.getValue(), keyField, depth));
			}
			else {
				EnvelopePath path = path(key, keyField);
				all.add(pathTests(path, entry.getValue(), keyField, depth));
			}
		}
		return (all.size() == 1) ? all.get(0) : new Condition.All(List.copyOf(all));
	}

	private Condition logical(String operator, JsonNode operand, String field, int depth) {
		if (PATH_OPERATORS.contains(operator)) {
			throw new InvalidFilterException(field, "operator-without-path",
					"'" + operator + "' needs a path: write {\"data.object.field\": {\"" + operator + "\": …}}");
		}
		if (!LOGICAL_OPERATORS.contains(operator)) {
			throw unknownOperator(operator, field);
		}
		count(field);
		if (operator.equals("$not")) {
			return new Condition.Not(document(operand, field, depth + 1));
		}
		if (!operand.isArray() || operand.isEmpty()) {
			throw new InvalidFilterException(field, "document-list",
					"'" + operator + "' takes a non-empty list of filter documents");
		}
		checkListLength(operand, field);
		checkDepth(field, depth + 1);
		List<Condition> documents = new ArrayList<>(operand.size());
		for (int i = 0; i < operand.size(); i++) {
			documents.add(document(operand.get(i), field + "[" + i + "]", depth + 2));
		}
		return operator.equals("$and") ? new Condition.All(List.copyOf(documents))
				: new Condition.Any(List.copyOf(documents));
	}

	private Condition pathTests(EnvelopePath path, JsonNode value, String field, int depth) {
		if (value.isArray()) {
			throw new InvalidFilterException(field, "array-value",
					"'" + field + "' cannot be compared with a list; use {\"$in\": [...]} for one of several values");
		}
		if (!value.isObject()) {
			count(field);
			return new Condition.PathTest(path, new ValueTest.Equals(Operand.of(value)));
		}
		if (value.isEmpty()) {
			throw new InvalidFilterException(field, "operators-required", "'" + field + "' needs at least one operator");
		}
		checkDepth(field, depth + 1);
		List<Condition> tests = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			String operator = entry.getKey();
			String operatorField = field + "." + operator;
			if (!operator.startsWith("$")) {
				throw new InvalidFilterException(operatorField, "nested-document",
						"'" + field + "' holds an object; write nested fields as one dotted path ('" + field
								.substring(PayloadFilter.FIELD.length() + 1) + "." + operator + "') or compare with an operator");
			}
			if (LOGICAL_OPERATORS.contains(operator)) {
				throw new InvalidFilterException(operatorField, "logical-operator-on-path", "'" + operator
						+ "' combines filter documents and belongs beside paths, not under one");
			}
			if (!PATH_OPERATORS.contains(operator)) {
				throw unknownOperator(operator, operatorField);
			}
			count(operatorField);
			tests.add(new Condition.PathTest(path, valueTest(operator, entry.getValue(), operatorField, depth + 2)));
		}
		return (tests.size() == 1) ? tests.get(0) : new Condition.All(List.copyOf(tests));
	}

	private ValueTest valueTest(String operator, JsonNode operand, String field, int depth) {
		return switch (operator) {
			case "$eq" -> new ValueTest.Equals(scalar(operand, field));
			case "$neq" -> new ValueTest.Negated(new ValueTest.Equals(scalar(operand, field)));
			case "$gt" -> new ValueTest.Compare(comparable(operand, field), Comparison.GT);
			case "$gte" -> new ValueTest.Compare(comparable(operand, field), Comparison.GTE);
			case "$lt" -> new ValueTest.Compare(comparable(operand, field), Comparison.LT);
			case "$lte" -> new ValueTest.Compare(comparable(operand, field), Comparison.LTE);
			case "$in" -> new ValueTest.In(scalars(operand, field, depth));
			case "$nin" -> new ValueTest.Negated(new ValueTest.In(scalars(operand, field, depth)));
			case "$exists" -> {
				if (!operand.isBoolean()) {
					throw new InvalidFilterException(field, "boolean-operand", "'$exists' takes true or false");
				}
				yield new ValueTest.Exists(operand.booleanValue());
			}
			case "$startsWith" -> {
				if (!operand.isString()) {
					throw new InvalidFilterException(field, "string-operand", "'$startsWith' takes a string");
				}
				yield new ValueTest.StartsWith(operand.stringValue());
			}
			default -> throw unknownOperator(operator, field);
		};
	}

	private static Operand scalar(JsonNode operand, String field) {
		if (operand.isContainer()) {
			throw new InvalidFilterException(field, "scalar-operand",
					"'" + lastSegment(field) + "' takes a string, number, boolean or null");
		}
		return Operand.of(operand);
	}

	private static Operand comparable(JsonNode operand, String field) {
		if (!operand.isNumber() && !operand.isString()) {
			throw new InvalidFilterException(field, "comparable-operand",
					"'" + lastSegment(field) + "' takes a number or a string");
		}
		return Operand.of(operand);
	}

	private List<Operand> scalars(JsonNode operand, String field, int depth) {
		if (!operand.isArray() || operand.isEmpty()) {
			throw new InvalidFilterException(field, "list-operand",
					"'" + lastSegment(field) + "' takes a non-empty list of strings, numbers, booleans or nulls");
		}
		checkDepth(field, depth);
		checkListLength(operand, field);
		List<Operand> operands = new ArrayList<>(operand.size());
		for (int i = 0; i < operand.size(); i++) {
			operands.add(scalar(operand.get(i), field + "[" + i + "]"));
		}
		return List.copyOf(operands);
	}

	private static EnvelopePath path(String key, String field) {
		if (key.length() > MAX_PATH_LENGTH) {
			throw new InvalidFilterException(field, "max-path-length",
					"The path is longer than " + MAX_PATH_LENGTH + " characters");
		}
		String[] segments = key.split("\\.", -1);
		if (segments.length > MAX_PATH_SEGMENTS) {
			throw new InvalidFilterException(field, "max-path-segments",
					"The path has more than " + MAX_PATH_SEGMENTS + " segments");
		}
		for (String segment : segments) {
			if (segment.isEmpty()) {
				throw new InvalidFilterException(field, "invalid-path",
						"'" + key + "' is not a dotted path: a segment is empty");
			}
			if (segment.startsWith("$")) {
				throw new InvalidFilterException(field, "invalid-path",
						"'" + key + "' is not a dotted path: a segment starts with '$'");
			}
		}
		return new EnvelopePath(key, List.of(segments));
	}

	private void count(String field) {
		if (++this.conditions > MAX_CONDITIONS) {
			throw new InvalidFilterException(field, "max-conditions",
					"The filter has more than " + MAX_CONDITIONS + " operators");
		}
	}

	private static void checkDepth(String field, int depth) {
		if (depth > MAX_DEPTH) {
			throw new InvalidFilterException(field, "max-depth", "The filter nests deeper than " + MAX_DEPTH + " levels");
		}
	}

	private static void checkListLength(JsonNode list, String field) {
		if (list.size() > MAX_LIST_LENGTH) {
			throw new InvalidFilterException(field, "max-list-length",
					"'" + lastSegment(field) + "' has more than " + MAX_LIST_LENGTH + " entries");
		}
	}

	private static InvalidFilterException unknownOperator(String operator, String field) {
		return new InvalidFilterException(field, "unknown-operator", "'" + operator + "' is not an operator; use one of "
				+ "$eq, $neq, $gt, $gte, $lt, $lte, $in, $nin, $exists, $startsWith, $and, $or, $not");
	}

	private static String lastSegment(String field) {
		return field.substring(field.lastIndexOf('.') + 1);
	}

}
