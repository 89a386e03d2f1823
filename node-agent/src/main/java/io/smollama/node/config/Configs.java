package io.smollama.node.config;

/**
 * Settings from YAML text, for tests in other packages (a plugin's tests, the HTTP tests): the text
 * is validated exactly as a config file is, and origins read {@code test.yaml:N}.
 */
public final class Configs {

    private static final String TEST_FILE = "test.yaml";

    private Configs() {}

    /** Settings for {@code spec} from YAML; throws {@link ConfigException} listing every problem. */
    public static Settings fromYaml(String yaml, ConfigSpec spec) {
        Problems problems = new Problems();
        RawValue.Mapping tree = YamlReader.readDocument(yaml, new Origin(TEST_FILE, 0, Origin.MAIN_FILE), problems);
        TreeSettings settings = Validator.validate(tree, spec, problems, null);
        problems.throwIfAny();
        return settings;
    }

    /** Settings for {@code spec} with every default, as when no file is present. */
    public static Settings defaults(ConfigSpec spec) {
        return fromYaml("", spec);
    }
}
