package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepTypeTest {

    @ParameterizedTest
    @CsvSource({
            "validate_artifact, VALIDATION", "验证构建产物, VALIDATION",
            "parse_secrets, VALIDATION", "解析部署密钥, VALIDATION",
            "server_init, CONFIGURATION", "服务器初始化, CONFIGURATION",
            "deploy_project, DEPLOYMENT", "部署项目, DEPLOYMENT",
            "configure_nginx, CONFIGURATION", "配置Nginx, CONFIGURATION",
            "start_service, SERVICE", "启动服务, SERVICE",
            "test_website_static, TESTING", "test_website_backend, TESTING", "测试网站, TESTING", "测试网站后端, TESTING",
            "Deploy_Project, DEPLOYMENT", "warm_cache, OTHER", "'', OTHER"
    })
    void mapsStepNamesSendersUseToTypes(String name, StepType expected) {
        assertThat(StepType.ofStep(name)).isEqualTo(expected);
    }
}
