package org.honchat.protocol.wire;

/** An enumeration that travels as one byte. */
public interface WireEnum {

    /** The byte on the wire. */
    int wire();
}
