package dev.webhooks.event;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PayloadStripperTests {

	private final JsonMapper json = JsonMapper.shared();

	@Test
	void keepsOnlyTheDeclaredTopLevelProperties() {
		JsonNode payload = json("{'id':'mig_1','name':'Acme','internal_notes':'call the CFO','cost':12}");

		List<String> removed = stripper("{'properties':{'id':{'type':'string'},'name':{}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'id':'mig_1','name':'Acme'}"));
		assertThat(removed).containsExactly("$.internal_notes", "$.cost");
	}

	@Test
	void stripsNestedObjectsByTheirOwnProperties() {
		JsonNode payload = json("{'id':'mig_1','owner':{'name':'Ada','email':'ada@example.com','address':{'city':'Oslo',"
				+ "'street':'Storgata 1'}}}");

		List<String> removed = stripper("{'properties':{'id':{},'owner':{'type':'object','properties':{'name':{},"
				+ "'address':{'properties':{'city':{}}}}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'id':'mig_1','owner':{'name':'Ada','address':{'city':'Oslo'}}}"));
		assertThat(removed).containsExactly("$.owner.email", "$.owner.address.street");
	}

	@Test
	void stripsEveryItemOfAnArray() {
		JsonNode payload = json("{'tasks':[{'id':'t1','token':'x'},{'id':'t2','token':'y'}],'tags':['a','b']}");

		List<String> removed = stripper("{'properties':{'tasks':{'type':'array','items':{'properties':{'id':{}}}},"
				+ "'tags':{'items':{'type':'string'}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'tasks':[{'id':'t1'},{'id':'t2'}],'tags':['a','b']}"));
		assertThat(removed).containsExactly("$.tasks[*].token", "$.tasks[*].token");
	}

	@Test
	void stripsTupleItemsByPosition() {
		JsonNode payload = json("{'pair':[{'a':1,'b':2},{'a':1,'b':2}]}");

		stripper("{'properties':{'pair':{'prefixItems':[{'properties':{'a':{}}},{'properties':{'b':{}}}]}}}")
			.strip(payload);

		assertThat(payload).isEqualTo(json("{'pair':[{'a':1},{'b':2}]}"));
	}

	@Test
	void sendsAnObjectWhoseSchemaDeclaresNoPropertyAsEmpty() {
		JsonNode payload = json("{'metadata':{'secret':'s'},'list':[{'secret':'s'},1]}");

		stripper("{'properties':{'metadata':{'type':'object'},'list':{'type':'array'}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'metadata':{},'list':[{},1]}"));
	}

	@Test
	void keepsEveryKeyOfAMapDeclaredWithAdditionalProperties() {
		JsonNode payload = json("{'labels':{'team':{'name':'core','lead':'Ada'},'env':{'name':'prod'}}}");

		stripper("{'properties':{'labels':{'additionalProperties':{'properties':{'name':{}}}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'labels':{'team':{'name':'core'},'env':{'name':'prod'}}}"));
	}

	@Test
	void stripsAPropertyDeclaredFalse() {
		JsonNode payload = json("{'id':1,'password':'p'}");

		stripper("{'properties':{'id':{},'password':false}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'id':1}"));
	}

	@Test
	void followsReferencesWithinTheDocumentIncludingRecursiveOnes() {
		JsonNode payload = json("{'root':{'name':'a','x':1,'children':[{'name':'b','x':2,'children':"
				+ "[{'name':'c','x':3}]}]}}");

		stripper("{'properties':{'root':{'$ref':'#/$defs/node'}},'$defs':{'node':{'properties':{'name':{},"
				+ "'children':{'items':{'$ref':'#/$defs/node'}}}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'root':{'name':'a','children':[{'name':'b','children':[{'name':'c'}]}]}}"));
	}

	@Test
	void declaresTheUnionOfAllOfBranches() {
		JsonNode payload = json("{'id':1,'name':'n','extra':true,'owner':{'a':1,'b':2,'c':3}}");

		stripper("{'allOf':[{'$ref':'#/$defs/base'},{'properties':{'name':{},'owner':{'properties':{'b':{}}}}}],"
				+ "'$defs':{'base':{'properties':{'id':{},'owner':{'properties':{'a':{}}}}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'id':1,'name':'n','owner':{'a':1,'b':2}}"));
	}

	@Test
	void followsTheOneObjectBranchOfANullableAlternative() {
		JsonNode payload = json("{'owner':{'name':'Ada','email':'e'}}");

		stripper("{'properties':{'owner':{'anyOf':[{'type':'null'},{'$ref':'#/$defs/owner'}]}},"
				+ "'$defs':{'owner':{'properties':{'name':{}}}}}").strip(payload);

		assertThat(payload).isEqualTo(json("{'owner':{'name':'Ada'}}"));
	}

	@Test
	void refusesAlternativesOfSeveralObjectShapes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> stripper("{'properties':{'method':{'oneOf':[{'properties':{'card':{}}},"
					+ "{'properties':{'iban':{}}}]}}}"))
			.withMessage("#/properties/method/oneOf has more than one branch that can hold an object or an array "
					+ "(0 and 1), so which properties are declared would depend on the payload: use allOf, or one "
					+ "object declaring every property");
	}

	@Test
	void refusesKeywordsThatDeclareDependingOnThePayload() {
		for (String keyword : List.of("patternProperties", "dependentSchemas", "if")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> stripper("{'properties':{'meta':{'" + keyword + "':{}}}}"))
				.withMessageStartingWith("#/properties/meta/" + keyword + " cannot be stripped safely");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> stripper("{'unevaluatedProperties':true}"))
			.withMessageStartingWith("#/unevaluatedProperties is supported only as false");
	}

	@Test
	void refusesReferencesToOtherDocuments() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> stripper("{'properties':{'a':{'$ref':'https://example.com/owner.json'}}}"))
			.withMessage("#/properties/a/$ref 'https://example.com/owner.json' is not supported: only references "
					+ "within the same document, such as #/$defs/owner");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> stripper("{'properties':{'a':{'$ref':'#/$defs/missing'}}}"))
			.withMessage("#/properties/a/$ref '#/$defs/missing' points at nothing in the schema");
	}

	@Test
	void keepsAScalarPayloadAndLeavesAMatchingPayloadAlone() {
		JsonNode scalar = json("'just text'");
		JsonNode matching = json("{'id':'mig_1'}");
		PayloadStripper stripper = stripper("{'properties':{'id':{}}}");

		assertThat(stripper.strip(scalar)).isEmpty();
		assertThat(stripper.strip(matching)).isEmpty();
		assertThat(matching).isEqualTo(json("{'id':'mig_1'}"));
	}

	private PayloadStripper stripper(String schema) {
		return PayloadStripper.compile(json(schema));
	}

	private JsonNode json(String text) {
		return this.json.readTree(text.replace('\'', '"'));
	}

}
