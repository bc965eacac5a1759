package io.ccos.config.settings;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores scopes as their lower-case ids, the values Claude Code and the API use. */
@Converter(autoApply = true)
public class SettingsScopeConverter implements AttributeConverter<SettingsScope, String> {

    @Override
    public String convertToDatabaseColumn(SettingsScope scope) {
        return scope == null ? null : scope.id();
    }

    @Override
    public SettingsScope convertToEntityAttribute(String id) {
        return id == null ? null : SettingsScope.fromPath(id);
    }
}
