package io.ccos.gateway.registry;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class TransportConverter implements AttributeConverter<Transport, String> {

    @Override
    public String convertToDatabaseColumn(Transport transport) {
        return transport == null ? null : transport.id();
    }

    @Override
    public Transport convertToEntityAttribute(String id) {
        return id == null ? null : Transport.fromId(id);
    }
}
