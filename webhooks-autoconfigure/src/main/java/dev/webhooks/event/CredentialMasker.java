package dev.webhooks.event;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credential-looking text in free-text fields ({@code error_message}, {@code text}) before an event leaves
 * the application: bearer and basic authorisation values, {@code password=…}-style pairs, AWS access keys,
 * webhook secrets, and user-info in URLs.
 */
public final class CredentialMasker {

	/** What masked values are replaced with. */
	public static final String MASK = "*****";

	private static final List<Rule> RULES = List.of(
			new Rule(Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{6,}"), "$1$2" + MASK),
			new Rule(Pattern.compile("(?i)\\b(password|passwd|pwd|secret|client_secret|api[_-]?key|access[_-]?token"
					+ "|refresh[_-]?token|token|authorization|auth)(\"?\\s*[=:]\\s*\"?)([^\\s\"',;&]+)"),
					"$1$2" + MASK),
			new Rule(Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b"), MASK),
			new Rule(Pattern.compile("\\bwhsec_[A-Za-z0-9+/=]{8,}"), MASK),
			new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^/\\s@]+@"), "$1" + MASK + "@"));

	private CredentialMasker() {
	}

	/**
	 * Mask credentials in a text.
	 * @param text the text, may be {@code null}
	 * @return the text with credentials replaced by {@value #MASK}
	 */
	public static String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = text;
		for (Rule rule : RULES) {
			Matcher matcher = rule.pattern().matcher(masked);
			if (matcher.find()) {
				masked = matcher.replaceAll(rule.replacement());
			}
		}
		return masked;
	}

	private record Rule(Pattern pattern, String replacement) {
	}

}
