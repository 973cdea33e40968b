package io.vigil.ingest.domain;

import java.util.Locale;
import java.util.Map;

/**
 * What kind of work a deployment step is, derived from the step name senders use
 * (English keys and the Chinese display names existing deploy scripts send).
 */
public enum StepType {
    VALIDATION, CONFIGURATION, DEPLOYMENT, SERVICE, TESTING, OTHER;

    private static final Map<String, StepType> BY_NAME = Map.ofEntries(
            Map.entry("validate_artifact", VALIDATION), Map.entry("验证构建产物", VALIDATION),
            Map.entry("parse_secrets", VALIDATION), Map.entry("解析部署密钥", VALIDATION),
            Map.entry("server_init", CONFIGURATION), Map.entry("服务器初始化", CONFIGURATION),
            Map.entry("deploy_project", DEPLOYMENT), Map.entry("部署项目", DEPLOYMENT),
            Map.entry("configure_nginx", CONFIGURATION), Map.entry("配置nginx", CONFIGURATION),
            Map.entry("start_service", SERVICE), Map.entry("启动服务", SERVICE));

    public static StepType ofStep(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("test_website") || key.startsWith("测试网站")) {
            return TESTING;
        }
        return BY_NAME.getOrDefault(key, OTHER);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
