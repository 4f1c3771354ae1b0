import * as $protobuf from "protobufjs";

/** Namespace d_engine. */
export namespace d_engine {

    /** Namespace common. */
    namespace common {

        /**
         * Properties of a LogId.
         * @deprecated Use d_engine.common.LogId.$Properties instead.
         */
        interface ILogId extends d_engine.common.LogId.$Properties {
        }

        /** Represents a LogId. */
        class LogId {

            /**
             * Constructs a new LogId.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.LogId.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LogId term. */
            term: number;

            /** LogId index. */
            index: number;

            /**
             * Creates a new LogId instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogId instance
             */
            static create(properties: d_engine.common.LogId.$Shape): d_engine.common.LogId & d_engine.common.LogId.$Shape;
            static create(properties?: d_engine.common.LogId.$Properties): d_engine.common.LogId;

            /**
             * Encodes the specified LogId message. Does not implicitly {@link d_engine.common.LogId.verify|verify} messages.
             * @param message LogId message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.LogId.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LogId message, length delimited. Does not implicitly {@link d_engine.common.LogId.verify|verify} messages.
             * @param message LogId message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.LogId.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogId message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.LogId & d_engine.common.LogId.$Shape} LogId
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.LogId & d_engine.common.LogId.$Shape;

            /**
             * Decodes a LogId message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.LogId & d_engine.common.LogId.$Shape} LogId
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.LogId & d_engine.common.LogId.$Shape;

            /**
             * Verifies a LogId message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a LogId message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogId
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.LogId;

            /**
             * Creates a plain object from a LogId message. Also converts values to other types if specified.
             * @param message LogId
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.LogId, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogId to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LogId
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LogId {

            /** Properties of a LogId. */
            interface $Properties {

                /** LogId term */
                term?: (number|null);

                /** LogId index */
                index?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogId. */
            type $Shape = d_engine.common.LogId.$Properties;
        }

        /** NodeStatus enum. */
        enum NodeStatus {

            /** NODE_STATUS_UNSPECIFIED value */
            NODE_STATUS_UNSPECIFIED = 0,

            /** NODE_STATUS_PROMOTABLE value */
            NODE_STATUS_PROMOTABLE = 1,

            /** NODE_STATUS_READ_ONLY value */
            NODE_STATUS_READ_ONLY = 2,

            /** NODE_STATUS_ACTIVE value */
            NODE_STATUS_ACTIVE = 3
        }

        /** NodeRole enum. */
        enum NodeRole {

            /** NODE_ROLE_UNSPECIFIED value */
            NODE_ROLE_UNSPECIFIED = 0,

            /** NODE_ROLE_FOLLOWER value */
            NODE_ROLE_FOLLOWER = 1,

            /** NODE_ROLE_CANDIDATE value */
            NODE_ROLE_CANDIDATE = 2,

            /** NODE_ROLE_LEADER value */
            NODE_ROLE_LEADER = 3,

            /** NODE_ROLE_LEARNER value */
            NODE_ROLE_LEARNER = 4
        }

        /**
         * Properties of a Noop.
         * @deprecated Use d_engine.common.Noop.$Properties instead.
         */
        interface INoop extends d_engine.common.Noop.$Properties {
        }

        /** Represents a Noop. */
        class Noop {

            /**
             * Constructs a new Noop.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.Noop.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new Noop instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Noop instance
             */
            static create(properties: d_engine.common.Noop.$Shape): d_engine.common.Noop & d_engine.common.Noop.$Shape;
            static create(properties?: d_engine.common.Noop.$Properties): d_engine.common.Noop;

            /**
             * Encodes the specified Noop message. Does not implicitly {@link d_engine.common.Noop.verify|verify} messages.
             * @param message Noop message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.Noop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Noop message, length delimited. Does not implicitly {@link d_engine.common.Noop.verify|verify} messages.
             * @param message Noop message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.Noop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Noop message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.Noop & d_engine.common.Noop.$Shape} Noop
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.Noop & d_engine.common.Noop.$Shape;

            /**
             * Decodes a Noop message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.Noop & d_engine.common.Noop.$Shape} Noop
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.Noop & d_engine.common.Noop.$Shape;

            /**
             * Verifies a Noop message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Noop message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Noop
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.Noop;

            /**
             * Creates a plain object from a Noop message. Also converts values to other types if specified.
             * @param message Noop
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.Noop, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Noop to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Noop
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Noop {

            /** Properties of a Noop. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Noop. */
            type $Shape = d_engine.common.Noop.$Properties;
        }

        /**
         * Properties of an AddNode.
         * @deprecated Use d_engine.common.AddNode.$Properties instead.
         */
        interface IAddNode extends d_engine.common.AddNode.$Properties {
        }

        /** Represents an AddNode. */
        class AddNode {

            /**
             * Constructs a new AddNode.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.AddNode.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AddNode nodeId. */
            nodeId: number;

            /** AddNode address. */
            address: string;

            /** AddNode status. */
            status: d_engine.common.NodeStatus;

            /**
             * Creates a new AddNode instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AddNode instance
             */
            static create(properties: d_engine.common.AddNode.$Shape): d_engine.common.AddNode & d_engine.common.AddNode.$Shape;
            static create(properties?: d_engine.common.AddNode.$Properties): d_engine.common.AddNode;

            /**
             * Encodes the specified AddNode message. Does not implicitly {@link d_engine.common.AddNode.verify|verify} messages.
             * @param message AddNode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.AddNode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified AddNode message, length delimited. Does not implicitly {@link d_engine.common.AddNode.verify|verify} messages.
             * @param message AddNode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.AddNode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AddNode message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.AddNode & d_engine.common.AddNode.$Shape} AddNode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.AddNode & d_engine.common.AddNode.$Shape;

            /**
             * Decodes an AddNode message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.AddNode & d_engine.common.AddNode.$Shape} AddNode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.AddNode & d_engine.common.AddNode.$Shape;

            /**
             * Verifies an AddNode message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an AddNode message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AddNode
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.AddNode;

            /**
             * Creates a plain object from an AddNode message. Also converts values to other types if specified.
             * @param message AddNode
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.AddNode, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AddNode to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AddNode
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AddNode {

            /** Properties of an AddNode. */
            interface $Properties {

                /** AddNode nodeId */
                nodeId?: (number|null);

                /** AddNode address */
                address?: (string|null);

                /** AddNode status */
                status?: (d_engine.common.NodeStatus|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AddNode. */
            type $Shape = d_engine.common.AddNode.$Properties;
        }

        /**
         * Properties of a RemoveNode.
         * @deprecated Use d_engine.common.RemoveNode.$Properties instead.
         */
        interface IRemoveNode extends d_engine.common.RemoveNode.$Properties {
        }

        /** Represents a RemoveNode. */
        class RemoveNode {

            /**
             * Constructs a new RemoveNode.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.RemoveNode.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RemoveNode nodeId. */
            nodeId: number;

            /**
             * Creates a new RemoveNode instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveNode instance
             */
            static create(properties: d_engine.common.RemoveNode.$Shape): d_engine.common.RemoveNode & d_engine.common.RemoveNode.$Shape;
            static create(properties?: d_engine.common.RemoveNode.$Properties): d_engine.common.RemoveNode;

            /**
             * Encodes the specified RemoveNode message. Does not implicitly {@link d_engine.common.RemoveNode.verify|verify} messages.
             * @param message RemoveNode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.RemoveNode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified RemoveNode message, length delimited. Does not implicitly {@link d_engine.common.RemoveNode.verify|verify} messages.
             * @param message RemoveNode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.RemoveNode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveNode message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.RemoveNode & d_engine.common.RemoveNode.$Shape} RemoveNode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.RemoveNode & d_engine.common.RemoveNode.$Shape;

            /**
             * Decodes a RemoveNode message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.RemoveNode & d_engine.common.RemoveNode.$Shape} RemoveNode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.RemoveNode & d_engine.common.RemoveNode.$Shape;

            /**
             * Verifies a RemoveNode message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RemoveNode message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveNode
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.RemoveNode;

            /**
             * Creates a plain object from a RemoveNode message. Also converts values to other types if specified.
             * @param message RemoveNode
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.RemoveNode, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveNode to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RemoveNode
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RemoveNode {

            /** Properties of a RemoveNode. */
            interface $Properties {

                /** RemoveNode nodeId */
                nodeId?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveNode. */
            type $Shape = d_engine.common.RemoveNode.$Properties;
        }

        /**
         * Properties of a PromoteLearner.
         * @deprecated Use d_engine.common.PromoteLearner.$Properties instead.
         */
        interface IPromoteLearner extends d_engine.common.PromoteLearner.$Properties {
        }

        /** Represents a PromoteLearner. */
        class PromoteLearner {

            /**
             * Constructs a new PromoteLearner.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.PromoteLearner.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PromoteLearner nodeId. */
            nodeId: number;

            /** PromoteLearner status. */
            status: d_engine.common.NodeStatus;

            /**
             * Creates a new PromoteLearner instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PromoteLearner instance
             */
            static create(properties: d_engine.common.PromoteLearner.$Shape): d_engine.common.PromoteLearner & d_engine.common.PromoteLearner.$Shape;
            static create(properties?: d_engine.common.PromoteLearner.$Properties): d_engine.common.PromoteLearner;

            /**
             * Encodes the specified PromoteLearner message. Does not implicitly {@link d_engine.common.PromoteLearner.verify|verify} messages.
             * @param message PromoteLearner message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.PromoteLearner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PromoteLearner message, length delimited. Does not implicitly {@link d_engine.common.PromoteLearner.verify|verify} messages.
             * @param message PromoteLearner message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.PromoteLearner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PromoteLearner message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.PromoteLearner & d_engine.common.PromoteLearner.$Shape} PromoteLearner
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.PromoteLearner & d_engine.common.PromoteLearner.$Shape;

            /**
             * Decodes a PromoteLearner message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.PromoteLearner & d_engine.common.PromoteLearner.$Shape} PromoteLearner
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.PromoteLearner & d_engine.common.PromoteLearner.$Shape;

            /**
             * Verifies a PromoteLearner message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PromoteLearner message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PromoteLearner
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.PromoteLearner;

            /**
             * Creates a plain object from a PromoteLearner message. Also converts values to other types if specified.
             * @param message PromoteLearner
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.PromoteLearner, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PromoteLearner to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PromoteLearner
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PromoteLearner {

            /** Properties of a PromoteLearner. */
            interface $Properties {

                /** PromoteLearner nodeId */
                nodeId?: (number|null);

                /** PromoteLearner status */
                status?: (d_engine.common.NodeStatus|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PromoteLearner. */
            type $Shape = d_engine.common.PromoteLearner.$Properties;
        }

        /**
         * Properties of a BatchPromote.
         * @deprecated Use d_engine.common.BatchPromote.$Properties instead.
         */
        interface IBatchPromote extends d_engine.common.BatchPromote.$Properties {
        }

        /** Represents a BatchPromote. */
        class BatchPromote {

            /**
             * Constructs a new BatchPromote.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.BatchPromote.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BatchPromote nodeIds. */
            nodeIds: number[];

            /** BatchPromote newStatus. */
            newStatus: d_engine.common.NodeStatus;

            /**
             * Creates a new BatchPromote instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BatchPromote instance
             */
            static create(properties: d_engine.common.BatchPromote.$Shape): d_engine.common.BatchPromote & d_engine.common.BatchPromote.$Shape;
            static create(properties?: d_engine.common.BatchPromote.$Properties): d_engine.common.BatchPromote;

            /**
             * Encodes the specified BatchPromote message. Does not implicitly {@link d_engine.common.BatchPromote.verify|verify} messages.
             * @param message BatchPromote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.BatchPromote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified BatchPromote message, length delimited. Does not implicitly {@link d_engine.common.BatchPromote.verify|verify} messages.
             * @param message BatchPromote message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.BatchPromote.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BatchPromote message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.BatchPromote & d_engine.common.BatchPromote.$Shape} BatchPromote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.BatchPromote & d_engine.common.BatchPromote.$Shape;

            /**
             * Decodes a BatchPromote message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.BatchPromote & d_engine.common.BatchPromote.$Shape} BatchPromote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.BatchPromote & d_engine.common.BatchPromote.$Shape;

            /**
             * Verifies a BatchPromote message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a BatchPromote message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BatchPromote
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.BatchPromote;

            /**
             * Creates a plain object from a BatchPromote message. Also converts values to other types if specified.
             * @param message BatchPromote
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.BatchPromote, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BatchPromote to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for BatchPromote
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BatchPromote {

            /** Properties of a BatchPromote. */
            interface $Properties {

                /** BatchPromote nodeIds */
                nodeIds?: (number[]|null);

                /** BatchPromote newStatus */
                newStatus?: (d_engine.common.NodeStatus|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BatchPromote. */
            type $Shape = d_engine.common.BatchPromote.$Properties;
        }

        /**
         * Properties of a BatchRemove.
         * @deprecated Use d_engine.common.BatchRemove.$Properties instead.
         */
        interface IBatchRemove extends d_engine.common.BatchRemove.$Properties {
        }

        /** Represents a BatchRemove. */
        class BatchRemove {

            /**
             * Constructs a new BatchRemove.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.BatchRemove.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BatchRemove nodeIds. */
            nodeIds: number[];

            /**
             * Creates a new BatchRemove instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BatchRemove instance
             */
            static create(properties: d_engine.common.BatchRemove.$Shape): d_engine.common.BatchRemove & d_engine.common.BatchRemove.$Shape;
            static create(properties?: d_engine.common.BatchRemove.$Properties): d_engine.common.BatchRemove;

            /**
             * Encodes the specified BatchRemove message. Does not implicitly {@link d_engine.common.BatchRemove.verify|verify} messages.
             * @param message BatchRemove message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.BatchRemove.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified BatchRemove message, length delimited. Does not implicitly {@link d_engine.common.BatchRemove.verify|verify} messages.
             * @param message BatchRemove message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.BatchRemove.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BatchRemove message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.BatchRemove & d_engine.common.BatchRemove.$Shape} BatchRemove
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.BatchRemove & d_engine.common.BatchRemove.$Shape;

            /**
             * Decodes a BatchRemove message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.BatchRemove & d_engine.common.BatchRemove.$Shape} BatchRemove
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.BatchRemove & d_engine.common.BatchRemove.$Shape;

            /**
             * Verifies a BatchRemove message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a BatchRemove message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BatchRemove
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.BatchRemove;

            /**
             * Creates a plain object from a BatchRemove message. Also converts values to other types if specified.
             * @param message BatchRemove
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.BatchRemove, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BatchRemove to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for BatchRemove
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BatchRemove {

            /** Properties of a BatchRemove. */
            interface $Properties {

                /** BatchRemove nodeIds */
                nodeIds?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BatchRemove. */
            type $Shape = d_engine.common.BatchRemove.$Properties;
        }

        /**
         * Properties of a MembershipChange.
         * @deprecated Use d_engine.common.MembershipChange.$Properties instead.
         */
        interface IMembershipChange extends d_engine.common.MembershipChange.$Properties {
        }

        /** Represents a MembershipChange. */
        class MembershipChange {

            /**
             * Constructs a new MembershipChange.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.MembershipChange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MembershipChange addNode. */
            addNode?: (d_engine.common.AddNode.$Properties|null);

            /** MembershipChange removeNode. */
            removeNode?: (d_engine.common.RemoveNode.$Properties|null);

            /** MembershipChange promote. */
            promote?: (d_engine.common.PromoteLearner.$Properties|null);

            /** MembershipChange batchPromote. */
            batchPromote?: (d_engine.common.BatchPromote.$Properties|null);

            /** MembershipChange batchRemove. */
            batchRemove?: (d_engine.common.BatchRemove.$Properties|null);

            /** MembershipChange change. */
            change?: ("addNode"|"removeNode"|"promote"|"batchPromote"|"batchRemove");

            /**
             * Creates a new MembershipChange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MembershipChange instance
             */
            static create(properties: d_engine.common.MembershipChange.$Shape): d_engine.common.MembershipChange & d_engine.common.MembershipChange.$Shape;
            static create(properties?: d_engine.common.MembershipChange.$Properties): d_engine.common.MembershipChange;

            /**
             * Encodes the specified MembershipChange message. Does not implicitly {@link d_engine.common.MembershipChange.verify|verify} messages.
             * @param message MembershipChange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.MembershipChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified MembershipChange message, length delimited. Does not implicitly {@link d_engine.common.MembershipChange.verify|verify} messages.
             * @param message MembershipChange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.MembershipChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MembershipChange message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.MembershipChange & d_engine.common.MembershipChange.$Shape} MembershipChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.MembershipChange & d_engine.common.MembershipChange.$Shape;

            /**
             * Decodes a MembershipChange message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.MembershipChange & d_engine.common.MembershipChange.$Shape} MembershipChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.MembershipChange & d_engine.common.MembershipChange.$Shape;

            /**
             * Verifies a MembershipChange message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a MembershipChange message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MembershipChange
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.MembershipChange;

            /**
             * Creates a plain object from a MembershipChange message. Also converts values to other types if specified.
             * @param message MembershipChange
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.MembershipChange, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MembershipChange to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for MembershipChange
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MembershipChange {

            /** Properties of a MembershipChange. */
            interface $Properties {

                /** MembershipChange addNode */
                addNode?: (d_engine.common.AddNode.$Properties|null);

                /** MembershipChange removeNode */
                removeNode?: (d_engine.common.RemoveNode.$Properties|null);

                /** MembershipChange promote */
                promote?: (d_engine.common.PromoteLearner.$Properties|null);

                /** MembershipChange batchPromote */
                batchPromote?: (d_engine.common.BatchPromote.$Properties|null);

                /** MembershipChange batchRemove */
                batchRemove?: (d_engine.common.BatchRemove.$Properties|null);

                /** MembershipChange change */
                change?: ("addNode"|"removeNode"|"promote"|"batchPromote"|"batchRemove");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a MembershipChange. */
            type $Shape = {
              addNode?: d_engine.common.AddNode.$Shape|null;
              removeNode?: d_engine.common.RemoveNode.$Shape|null;
              promote?: d_engine.common.PromoteLearner.$Shape|null;
              batchPromote?: d_engine.common.BatchPromote.$Shape|null;
              batchRemove?: d_engine.common.BatchRemove.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ change?: undefined; addNode?: null; removeNode?: null; promote?: null; batchPromote?: null; batchRemove?: null }|{ change?: "addNode"; addNode: d_engine.common.AddNode.$Shape; removeNode?: null; promote?: null; batchPromote?: null; batchRemove?: null }|{ change?: "removeNode"; addNode?: null; removeNode: d_engine.common.RemoveNode.$Shape; promote?: null; batchPromote?: null; batchRemove?: null }|{ change?: "promote"; addNode?: null; removeNode?: null; promote: d_engine.common.PromoteLearner.$Shape; batchPromote?: null; batchRemove?: null }|{ change?: "batchPromote"; addNode?: null; removeNode?: null; promote?: null; batchPromote: d_engine.common.BatchPromote.$Shape; batchRemove?: null }|{ change?: "batchRemove"; addNode?: null; removeNode?: null; promote?: null; batchPromote?: null; batchRemove: d_engine.common.BatchRemove.$Shape })
            );
        }

        /**
         * Properties of an EntryPayload.
         * @deprecated Use d_engine.common.EntryPayload.$Properties instead.
         */
        interface IEntryPayload extends d_engine.common.EntryPayload.$Properties {
        }

        /** Represents an EntryPayload. */
        class EntryPayload {

            /**
             * Constructs a new EntryPayload.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.EntryPayload.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EntryPayload noop. */
            noop?: (d_engine.common.Noop.$Properties|null);

            /** EntryPayload command. */
            command?: (Uint8Array|null);

            /** EntryPayload config. */
            config?: (d_engine.common.MembershipChange.$Properties|null);

            /** EntryPayload payload. */
            payload?: ("noop"|"command"|"config");

            /**
             * Creates a new EntryPayload instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EntryPayload instance
             */
            static create(properties: d_engine.common.EntryPayload.$Shape): d_engine.common.EntryPayload & d_engine.common.EntryPayload.$Shape;
            static create(properties?: d_engine.common.EntryPayload.$Properties): d_engine.common.EntryPayload;

            /**
             * Encodes the specified EntryPayload message. Does not implicitly {@link d_engine.common.EntryPayload.verify|verify} messages.
             * @param message EntryPayload message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.EntryPayload.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified EntryPayload message, length delimited. Does not implicitly {@link d_engine.common.EntryPayload.verify|verify} messages.
             * @param message EntryPayload message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.EntryPayload.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EntryPayload message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.EntryPayload & d_engine.common.EntryPayload.$Shape} EntryPayload
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.EntryPayload & d_engine.common.EntryPayload.$Shape;

            /**
             * Decodes an EntryPayload message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.EntryPayload & d_engine.common.EntryPayload.$Shape} EntryPayload
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.EntryPayload & d_engine.common.EntryPayload.$Shape;

            /**
             * Verifies an EntryPayload message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an EntryPayload message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EntryPayload
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.EntryPayload;

            /**
             * Creates a plain object from an EntryPayload message. Also converts values to other types if specified.
             * @param message EntryPayload
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.EntryPayload, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EntryPayload to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EntryPayload
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EntryPayload {

            /** Properties of an EntryPayload. */
            interface $Properties {

                /** EntryPayload noop */
                noop?: (d_engine.common.Noop.$Properties|null);

                /** EntryPayload command */
                command?: (Uint8Array|null);

                /** EntryPayload config */
                config?: (d_engine.common.MembershipChange.$Properties|null);

                /** EntryPayload payload */
                payload?: ("noop"|"command"|"config");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an EntryPayload. */
            type $Shape = {
              noop?: d_engine.common.Noop.$Shape|null;
              command?: Uint8Array|null;
              config?: d_engine.common.MembershipChange.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; noop?: null; command?: null; config?: null }|{ payload?: "noop"; noop: d_engine.common.Noop.$Shape; command?: null; config?: null }|{ payload?: "command"; noop?: null; command: Uint8Array; config?: null }|{ payload?: "config"; noop?: null; command?: null; config: d_engine.common.MembershipChange.$Shape })
            );
        }

        /**
         * Properties of an Entry.
         * @deprecated Use d_engine.common.Entry.$Properties instead.
         */
        interface IEntry extends d_engine.common.Entry.$Properties {
        }

        /** Represents an Entry. */
        class Entry {

            /**
             * Constructs a new Entry.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.Entry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Entry index. */
            index: number;

            /** Entry term. */
            term: number;

            /** Entry payload. */
            payload?: (d_engine.common.EntryPayload.$Properties|null);

            /**
             * Creates a new Entry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Entry instance
             */
            static create(properties: d_engine.common.Entry.$Shape): d_engine.common.Entry & d_engine.common.Entry.$Shape;
            static create(properties?: d_engine.common.Entry.$Properties): d_engine.common.Entry;

            /**
             * Encodes the specified Entry message. Does not implicitly {@link d_engine.common.Entry.verify|verify} messages.
             * @param message Entry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Entry message, length delimited. Does not implicitly {@link d_engine.common.Entry.verify|verify} messages.
             * @param message Entry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Entry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.Entry & d_engine.common.Entry.$Shape} Entry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.Entry & d_engine.common.Entry.$Shape;

            /**
             * Decodes an Entry message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.Entry & d_engine.common.Entry.$Shape} Entry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.Entry & d_engine.common.Entry.$Shape;

            /**
             * Verifies an Entry message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Entry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Entry
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.Entry;

            /**
             * Creates a plain object from an Entry message. Also converts values to other types if specified.
             * @param message Entry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.Entry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Entry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Entry
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Entry {

            /** Properties of an Entry. */
            interface $Properties {

                /** Entry index */
                index?: (number|null);

                /** Entry term */
                term?: (number|null);

                /** Entry payload */
                payload?: (d_engine.common.EntryPayload.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Entry. */
            type $Shape = {
              index?: number|null;
              term?: number|null;
              payload?: d_engine.common.EntryPayload.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a SnapshotEntry.
         * @deprecated Use d_engine.common.SnapshotEntry.$Properties instead.
         */
        interface ISnapshotEntry extends d_engine.common.SnapshotEntry.$Properties {
        }

        /** Represents a SnapshotEntry. */
        class SnapshotEntry {

            /**
             * Constructs a new SnapshotEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.SnapshotEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SnapshotEntry key. */
            key: Uint8Array;

            /** SnapshotEntry value. */
            value: Uint8Array;

            /**
             * Creates a new SnapshotEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotEntry instance
             */
            static create(properties: d_engine.common.SnapshotEntry.$Shape): d_engine.common.SnapshotEntry & d_engine.common.SnapshotEntry.$Shape;
            static create(properties?: d_engine.common.SnapshotEntry.$Properties): d_engine.common.SnapshotEntry;

            /**
             * Encodes the specified SnapshotEntry message. Does not implicitly {@link d_engine.common.SnapshotEntry.verify|verify} messages.
             * @param message SnapshotEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.SnapshotEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SnapshotEntry message, length delimited. Does not implicitly {@link d_engine.common.SnapshotEntry.verify|verify} messages.
             * @param message SnapshotEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.SnapshotEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.SnapshotEntry & d_engine.common.SnapshotEntry.$Shape} SnapshotEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.SnapshotEntry & d_engine.common.SnapshotEntry.$Shape;

            /**
             * Decodes a SnapshotEntry message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.SnapshotEntry & d_engine.common.SnapshotEntry.$Shape} SnapshotEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.SnapshotEntry & d_engine.common.SnapshotEntry.$Shape;

            /**
             * Verifies a SnapshotEntry message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SnapshotEntry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SnapshotEntry
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.SnapshotEntry;

            /**
             * Creates a plain object from a SnapshotEntry message. Also converts values to other types if specified.
             * @param message SnapshotEntry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.SnapshotEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SnapshotEntry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SnapshotEntry
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SnapshotEntry {

            /** Properties of a SnapshotEntry. */
            interface $Properties {

                /** SnapshotEntry key */
                key?: (Uint8Array|null);

                /** SnapshotEntry value */
                value?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotEntry. */
            type $Shape = d_engine.common.SnapshotEntry.$Properties;
        }

        /**
         * Properties of a SnapshotMeta.
         * @deprecated Use d_engine.common.SnapshotMeta.$Properties instead.
         */
        interface ISnapshotMeta extends d_engine.common.SnapshotMeta.$Properties {
        }

        /** Represents a SnapshotMeta. */
        class SnapshotMeta {

            /**
             * Constructs a new SnapshotMeta.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.SnapshotMeta.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SnapshotMeta versionHigh. */
            versionHigh: number;

            /** SnapshotMeta versionLow. */
            versionLow: number;

            /** SnapshotMeta createdAtHigh. */
            createdAtHigh: number;

            /** SnapshotMeta createdAtLow. */
            createdAtLow: number;

            /** SnapshotMeta authorId. */
            authorId: number;

            /** SnapshotMeta lastIncluded. */
            lastIncluded?: (d_engine.common.LogId.$Properties|null);

            /**
             * Creates a new SnapshotMeta instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotMeta instance
             */
            static create(properties: d_engine.common.SnapshotMeta.$Shape): d_engine.common.SnapshotMeta & d_engine.common.SnapshotMeta.$Shape;
            static create(properties?: d_engine.common.SnapshotMeta.$Properties): d_engine.common.SnapshotMeta;

            /**
             * Encodes the specified SnapshotMeta message. Does not implicitly {@link d_engine.common.SnapshotMeta.verify|verify} messages.
             * @param message SnapshotMeta message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.SnapshotMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SnapshotMeta message, length delimited. Does not implicitly {@link d_engine.common.SnapshotMeta.verify|verify} messages.
             * @param message SnapshotMeta message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.SnapshotMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotMeta message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.SnapshotMeta & d_engine.common.SnapshotMeta.$Shape} SnapshotMeta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.SnapshotMeta & d_engine.common.SnapshotMeta.$Shape;

            /**
             * Decodes a SnapshotMeta message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.SnapshotMeta & d_engine.common.SnapshotMeta.$Shape} SnapshotMeta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.SnapshotMeta & d_engine.common.SnapshotMeta.$Shape;

            /**
             * Verifies a SnapshotMeta message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SnapshotMeta message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SnapshotMeta
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.SnapshotMeta;

            /**
             * Creates a plain object from a SnapshotMeta message. Also converts values to other types if specified.
             * @param message SnapshotMeta
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.SnapshotMeta, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SnapshotMeta to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SnapshotMeta
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SnapshotMeta {

            /** Properties of a SnapshotMeta. */
            interface $Properties {

                /** SnapshotMeta versionHigh */
                versionHigh?: (number|null);

                /** SnapshotMeta versionLow */
                versionLow?: (number|null);

                /** SnapshotMeta createdAtHigh */
                createdAtHigh?: (number|null);

                /** SnapshotMeta createdAtLow */
                createdAtLow?: (number|null);

                /** SnapshotMeta authorId */
                authorId?: (number|null);

                /** SnapshotMeta lastIncluded */
                lastIncluded?: (d_engine.common.LogId.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotMeta. */
            type $Shape = d_engine.common.SnapshotMeta.$Properties;
        }

        /**
         * Properties of a Snapshot.
         * @deprecated Use d_engine.common.Snapshot.$Properties instead.
         */
        interface ISnapshot extends d_engine.common.Snapshot.$Properties {
        }

        /** Represents a Snapshot. */
        class Snapshot {

            /**
             * Constructs a new Snapshot.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.Snapshot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Snapshot meta. */
            meta?: (d_engine.common.SnapshotMeta.$Properties|null);

            /** Snapshot data. */
            data: d_engine.common.SnapshotEntry.$Properties[];

            /**
             * Creates a new Snapshot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Snapshot instance
             */
            static create(properties: d_engine.common.Snapshot.$Shape): d_engine.common.Snapshot & d_engine.common.Snapshot.$Shape;
            static create(properties?: d_engine.common.Snapshot.$Properties): d_engine.common.Snapshot;

            /**
             * Encodes the specified Snapshot message. Does not implicitly {@link d_engine.common.Snapshot.verify|verify} messages.
             * @param message Snapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Snapshot message, length delimited. Does not implicitly {@link d_engine.common.Snapshot.verify|verify} messages.
             * @param message Snapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Snapshot message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.Snapshot & d_engine.common.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.Snapshot & d_engine.common.Snapshot.$Shape;

            /**
             * Decodes a Snapshot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.Snapshot & d_engine.common.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.Snapshot & d_engine.common.Snapshot.$Shape;

            /**
             * Verifies a Snapshot message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Snapshot message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Snapshot
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.Snapshot;

            /**
             * Creates a plain object from a Snapshot message. Also converts values to other types if specified.
             * @param message Snapshot
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.Snapshot, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Snapshot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Snapshot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Snapshot {

            /** Properties of a Snapshot. */
            interface $Properties {

                /** Snapshot meta */
                meta?: (d_engine.common.SnapshotMeta.$Properties|null);

                /** Snapshot data */
                data?: (d_engine.common.SnapshotEntry.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Snapshot. */
            type $Shape = d_engine.common.Snapshot.$Properties;
        }

        /**
         * Properties of a LeaderInfo.
         * @deprecated Use d_engine.common.LeaderInfo.$Properties instead.
         */
        interface ILeaderInfo extends d_engine.common.LeaderInfo.$Properties {
        }

        /** Represents a LeaderInfo. */
        class LeaderInfo {

            /**
             * Constructs a new LeaderInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.LeaderInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LeaderInfo leaderId. */
            leaderId: number;

            /** LeaderInfo term. */
            term: number;

            /**
             * Creates a new LeaderInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LeaderInfo instance
             */
            static create(properties: d_engine.common.LeaderInfo.$Shape): d_engine.common.LeaderInfo & d_engine.common.LeaderInfo.$Shape;
            static create(properties?: d_engine.common.LeaderInfo.$Properties): d_engine.common.LeaderInfo;

            /**
             * Encodes the specified LeaderInfo message. Does not implicitly {@link d_engine.common.LeaderInfo.verify|verify} messages.
             * @param message LeaderInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.LeaderInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LeaderInfo message, length delimited. Does not implicitly {@link d_engine.common.LeaderInfo.verify|verify} messages.
             * @param message LeaderInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.LeaderInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LeaderInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.LeaderInfo & d_engine.common.LeaderInfo.$Shape} LeaderInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.LeaderInfo & d_engine.common.LeaderInfo.$Shape;

            /**
             * Decodes a LeaderInfo message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.LeaderInfo & d_engine.common.LeaderInfo.$Shape} LeaderInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.LeaderInfo & d_engine.common.LeaderInfo.$Shape;

            /**
             * Verifies a LeaderInfo message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a LeaderInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LeaderInfo
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.LeaderInfo;

            /**
             * Creates a plain object from a LeaderInfo message. Also converts values to other types if specified.
             * @param message LeaderInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.LeaderInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LeaderInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LeaderInfo
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaderInfo {

            /** Properties of a LeaderInfo. */
            interface $Properties {

                /** LeaderInfo leaderId */
                leaderId?: (number|null);

                /** LeaderInfo term */
                term?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LeaderInfo. */
            type $Shape = d_engine.common.LeaderInfo.$Properties;
        }

        /**
         * Properties of a LeaderHint.
         * @deprecated Use d_engine.common.LeaderHint.$Properties instead.
         */
        interface ILeaderHint extends d_engine.common.LeaderHint.$Properties {
        }

        /** Represents a LeaderHint. */
        class LeaderHint {

            /**
             * Constructs a new LeaderHint.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.common.LeaderHint.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LeaderHint leaderId. */
            leaderId: number;

            /** LeaderHint address. */
            address: string;

            /**
             * Creates a new LeaderHint instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LeaderHint instance
             */
            static create(properties: d_engine.common.LeaderHint.$Shape): d_engine.common.LeaderHint & d_engine.common.LeaderHint.$Shape;
            static create(properties?: d_engine.common.LeaderHint.$Properties): d_engine.common.LeaderHint;

            /**
             * Encodes the specified LeaderHint message. Does not implicitly {@link d_engine.common.LeaderHint.verify|verify} messages.
             * @param message LeaderHint message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.common.LeaderHint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LeaderHint message, length delimited. Does not implicitly {@link d_engine.common.LeaderHint.verify|verify} messages.
             * @param message LeaderHint message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.common.LeaderHint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LeaderHint message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.common.LeaderHint & d_engine.common.LeaderHint.$Shape} LeaderHint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.common.LeaderHint & d_engine.common.LeaderHint.$Shape;

            /**
             * Decodes a LeaderHint message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.common.LeaderHint & d_engine.common.LeaderHint.$Shape} LeaderHint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.common.LeaderHint & d_engine.common.LeaderHint.$Shape;

            /**
             * Verifies a LeaderHint message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a LeaderHint message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LeaderHint
             */
            static fromObject(object: { [k: string]: any }): d_engine.common.LeaderHint;

            /**
             * Creates a plain object from a LeaderHint message. Also converts values to other types if specified.
             * @param message LeaderHint
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.common.LeaderHint, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LeaderHint to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LeaderHint
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaderHint {

            /** Properties of a LeaderHint. */
            interface $Properties {

                /** LeaderHint leaderId */
                leaderId?: (number|null);

                /** LeaderHint address */
                address?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LeaderHint. */
            type $Shape = d_engine.common.LeaderHint.$Properties;
        }
    }

    /** Namespace error. */
    namespace error {

        /** ErrorCode enum. */
        enum ErrorCode {

            /** SUCCESS value */
            SUCCESS = 0,

            /** CONNECTION_TIMEOUT value */
            CONNECTION_TIMEOUT = 1001,

            /** INVALID_ADDRESS value */
            INVALID_ADDRESS = 1002,

            /** LEADER_CHANGED value */
            LEADER_CHANGED = 1003,

            /** JOIN_ERROR value */
            JOIN_ERROR = 1004,

            /** INVALID_RESPONSE value */
            INVALID_RESPONSE = 2001,

            /** VERSION_MISMATCH value */
            VERSION_MISMATCH = 2002,

            /** DISK_FULL value */
            DISK_FULL = 3001,

            /** DATA_CORRUPTION value */
            DATA_CORRUPTION = 3002,

            /** STORAGE_IO_ERROR value */
            STORAGE_IO_ERROR = 3003,

            /** STORAGE_PERMISSION_DENIED value */
            STORAGE_PERMISSION_DENIED = 3004,

            /** KEY_NOT_EXIST value */
            KEY_NOT_EXIST = 3005,

            /** NOT_LEADER value */
            NOT_LEADER = 4001,

            /** STALE_OPERATION value */
            STALE_OPERATION = 4002,

            /** INVALID_REQUEST value */
            INVALID_REQUEST = 4003,

            /** RATE_LIMITED value */
            RATE_LIMITED = 4004,

            /** CLUSTER_UNAVAILABLE value */
            CLUSTER_UNAVAILABLE = 4005,

            /** PROPOSE_FAILED value */
            PROPOSE_FAILED = 4006,

            /** TERM_OUTDATED value */
            TERM_OUTDATED = 4007,

            /** RETRY_REQUIRED value */
            RETRY_REQUIRED = 4008,

            /** WATCH_BUFFER_OVERFLOW value */
            WATCH_BUFFER_OVERFLOW = 5001,

            /** GENERAL value */
            GENERAL = 8888,

            /** UNCATEGORIZED value */
            UNCATEGORIZED = 9999
        }

        /**
         * Properties of an ErrorMetadata.
         * @deprecated Use d_engine.error.ErrorMetadata.$Properties instead.
         */
        interface IErrorMetadata extends d_engine.error.ErrorMetadata.$Properties {
        }

        /** Represents an ErrorMetadata. */
        class ErrorMetadata {

            /**
             * Constructs a new ErrorMetadata.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.error.ErrorMetadata.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ErrorMetadata retryAfterMs. */
            retryAfterMs?: (number|null);

            /** ErrorMetadata leaderId. */
            leaderId?: (string|null);

            /** ErrorMetadata leaderAddress. */
            leaderAddress?: (string|null);

            /** ErrorMetadata debugMessage. */
            debugMessage?: (string|null);

            /**
             * Creates a new ErrorMetadata instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ErrorMetadata instance
             */
            static create(properties: d_engine.error.ErrorMetadata.$Shape): d_engine.error.ErrorMetadata & d_engine.error.ErrorMetadata.$Shape;
            static create(properties?: d_engine.error.ErrorMetadata.$Properties): d_engine.error.ErrorMetadata;

            /**
             * Encodes the specified ErrorMetadata message. Does not implicitly {@link d_engine.error.ErrorMetadata.verify|verify} messages.
             * @param message ErrorMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.error.ErrorMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ErrorMetadata message, length delimited. Does not implicitly {@link d_engine.error.ErrorMetadata.verify|verify} messages.
             * @param message ErrorMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.error.ErrorMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ErrorMetadata message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.error.ErrorMetadata & d_engine.error.ErrorMetadata.$Shape} ErrorMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.error.ErrorMetadata & d_engine.error.ErrorMetadata.$Shape;

            /**
             * Decodes an ErrorMetadata message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.error.ErrorMetadata & d_engine.error.ErrorMetadata.$Shape} ErrorMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.error.ErrorMetadata & d_engine.error.ErrorMetadata.$Shape;

            /**
             * Verifies an ErrorMetadata message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an ErrorMetadata message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ErrorMetadata
             */
            static fromObject(object: { [k: string]: any }): d_engine.error.ErrorMetadata;

            /**
             * Creates a plain object from an ErrorMetadata message. Also converts values to other types if specified.
             * @param message ErrorMetadata
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.error.ErrorMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ErrorMetadata to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ErrorMetadata
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ErrorMetadata {

            /** Properties of an ErrorMetadata. */
            interface $Properties {

                /** ErrorMetadata retryAfterMs */
                retryAfterMs?: (number|null);

                /** ErrorMetadata leaderId */
                leaderId?: (string|null);

                /** ErrorMetadata leaderAddress */
                leaderAddress?: (string|null);

                /** ErrorMetadata debugMessage */
                debugMessage?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ErrorMetadata. */
            type $Shape = d_engine.error.ErrorMetadata.$Properties;
        }
    }

    /** Namespace server. */
    namespace server {

        /** Namespace election. */
        namespace election {

            /**
             * Properties of a VoteRequest.
             * @deprecated Use d_engine.server.election.VoteRequest.$Properties instead.
             */
            interface IVoteRequest extends d_engine.server.election.VoteRequest.$Properties {
            }

            /** Represents a VoteRequest. */
            class VoteRequest {

                /**
                 * Constructs a new VoteRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.election.VoteRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** VoteRequest term. */
                term: number;

                /** VoteRequest candidateId. */
                candidateId: number;

                /** VoteRequest lastLogIndex. */
                lastLogIndex: number;

                /** VoteRequest lastLogTerm. */
                lastLogTerm: number;

                /**
                 * Creates a new VoteRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns VoteRequest instance
                 */
                static create(properties: d_engine.server.election.VoteRequest.$Shape): d_engine.server.election.VoteRequest & d_engine.server.election.VoteRequest.$Shape;
                static create(properties?: d_engine.server.election.VoteRequest.$Properties): d_engine.server.election.VoteRequest;

                /**
                 * Encodes the specified VoteRequest message. Does not implicitly {@link d_engine.server.election.VoteRequest.verify|verify} messages.
                 * @param message VoteRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.election.VoteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified VoteRequest message, length delimited. Does not implicitly {@link d_engine.server.election.VoteRequest.verify|verify} messages.
                 * @param message VoteRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.election.VoteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a VoteRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.election.VoteRequest & d_engine.server.election.VoteRequest.$Shape} VoteRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.election.VoteRequest & d_engine.server.election.VoteRequest.$Shape;

                /**
                 * Decodes a VoteRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.election.VoteRequest & d_engine.server.election.VoteRequest.$Shape} VoteRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.election.VoteRequest & d_engine.server.election.VoteRequest.$Shape;

                /**
                 * Verifies a VoteRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a VoteRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns VoteRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.election.VoteRequest;

                /**
                 * Creates a plain object from a VoteRequest message. Also converts values to other types if specified.
                 * @param message VoteRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.election.VoteRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this VoteRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for VoteRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace VoteRequest {

                /** Properties of a VoteRequest. */
                interface $Properties {

                    /** VoteRequest term */
                    term?: (number|null);

                    /** VoteRequest candidateId */
                    candidateId?: (number|null);

                    /** VoteRequest lastLogIndex */
                    lastLogIndex?: (number|null);

                    /** VoteRequest lastLogTerm */
                    lastLogTerm?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a VoteRequest. */
                type $Shape = d_engine.server.election.VoteRequest.$Properties;
            }

            /**
             * Properties of a VoteResponse.
             * @deprecated Use d_engine.server.election.VoteResponse.$Properties instead.
             */
            interface IVoteResponse extends d_engine.server.election.VoteResponse.$Properties {
            }

            /** Represents a VoteResponse. */
            class VoteResponse {

                /**
                 * Constructs a new VoteResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.election.VoteResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** VoteResponse term. */
                term: number;

                /** VoteResponse voteGranted. */
                voteGranted: boolean;

                /** VoteResponse lastLogIndex. */
                lastLogIndex: number;

                /** VoteResponse lastLogTerm. */
                lastLogTerm: number;

                /**
                 * Creates a new VoteResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns VoteResponse instance
                 */
                static create(properties: d_engine.server.election.VoteResponse.$Shape): d_engine.server.election.VoteResponse & d_engine.server.election.VoteResponse.$Shape;
                static create(properties?: d_engine.server.election.VoteResponse.$Properties): d_engine.server.election.VoteResponse;

                /**
                 * Encodes the specified VoteResponse message. Does not implicitly {@link d_engine.server.election.VoteResponse.verify|verify} messages.
                 * @param message VoteResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.election.VoteResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified VoteResponse message, length delimited. Does not implicitly {@link d_engine.server.election.VoteResponse.verify|verify} messages.
                 * @param message VoteResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.election.VoteResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a VoteResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.election.VoteResponse & d_engine.server.election.VoteResponse.$Shape} VoteResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.election.VoteResponse & d_engine.server.election.VoteResponse.$Shape;

                /**
                 * Decodes a VoteResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.election.VoteResponse & d_engine.server.election.VoteResponse.$Shape} VoteResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.election.VoteResponse & d_engine.server.election.VoteResponse.$Shape;

                /**
                 * Verifies a VoteResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a VoteResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns VoteResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.election.VoteResponse;

                /**
                 * Creates a plain object from a VoteResponse message. Also converts values to other types if specified.
                 * @param message VoteResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.election.VoteResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this VoteResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for VoteResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace VoteResponse {

                /** Properties of a VoteResponse. */
                interface $Properties {

                    /** VoteResponse term */
                    term?: (number|null);

                    /** VoteResponse voteGranted */
                    voteGranted?: (boolean|null);

                    /** VoteResponse lastLogIndex */
                    lastLogIndex?: (number|null);

                    /** VoteResponse lastLogTerm */
                    lastLogTerm?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a VoteResponse. */
                type $Shape = d_engine.server.election.VoteResponse.$Properties;
            }

            /**
             * Properties of a VotedFor.
             * @deprecated Use d_engine.server.election.VotedFor.$Properties instead.
             */
            interface IVotedFor extends d_engine.server.election.VotedFor.$Properties {
            }

            /** Represents a VotedFor. */
            class VotedFor {

                /**
                 * Constructs a new VotedFor.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.election.VotedFor.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** VotedFor votedForId. */
                votedForId: number;

                /** VotedFor votedForTerm. */
                votedForTerm: number;

                /** VotedFor committed. */
                committed: boolean;

                /**
                 * Creates a new VotedFor instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns VotedFor instance
                 */
                static create(properties: d_engine.server.election.VotedFor.$Shape): d_engine.server.election.VotedFor & d_engine.server.election.VotedFor.$Shape;
                static create(properties?: d_engine.server.election.VotedFor.$Properties): d_engine.server.election.VotedFor;

                /**
                 * Encodes the specified VotedFor message. Does not implicitly {@link d_engine.server.election.VotedFor.verify|verify} messages.
                 * @param message VotedFor message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.election.VotedFor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified VotedFor message, length delimited. Does not implicitly {@link d_engine.server.election.VotedFor.verify|verify} messages.
                 * @param message VotedFor message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.election.VotedFor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a VotedFor message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.election.VotedFor & d_engine.server.election.VotedFor.$Shape} VotedFor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.election.VotedFor & d_engine.server.election.VotedFor.$Shape;

                /**
                 * Decodes a VotedFor message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.election.VotedFor & d_engine.server.election.VotedFor.$Shape} VotedFor
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.election.VotedFor & d_engine.server.election.VotedFor.$Shape;

                /**
                 * Verifies a VotedFor message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a VotedFor message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns VotedFor
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.election.VotedFor;

                /**
                 * Creates a plain object from a VotedFor message. Also converts values to other types if specified.
                 * @param message VotedFor
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.election.VotedFor, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this VotedFor to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for VotedFor
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace VotedFor {

                /** Properties of a VotedFor. */
                interface $Properties {

                    /** VotedFor votedForId */
                    votedForId?: (number|null);

                    /** VotedFor votedForTerm */
                    votedForTerm?: (number|null);

                    /** VotedFor committed */
                    committed?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a VotedFor. */
                type $Shape = d_engine.server.election.VotedFor.$Properties;
            }

            /** Represents a RaftElectionService */
            class RaftElectionService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new RaftElectionService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new RaftElectionService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): RaftElectionService;

                /** Calls RequestVote. */
                requestVote: d_engine.server.election.RaftElectionService.RequestVote;
            }

            namespace RaftElectionService {

                /**
                 * Callback as used by {@link d_engine.server.election.RaftElectionService#requestVote}.
                 * @param error Error, if any
                 * @param [response] VoteResponse
                 */
                type RequestVoteCallback = (error: (Error|null), response?: d_engine.server.election.VoteResponse) => void;

                /** Calls RequestVote. */
                type RequestVote = {
                  (request: d_engine.server.election.IVoteRequest, callback: d_engine.server.election.RaftElectionService.RequestVoteCallback): void;
                  (request: d_engine.server.election.IVoteRequest): Promise<d_engine.server.election.VoteResponse>;
                  readonly name: "RequestVote";
                  readonly path: "/d_engine.server.election.RaftElectionService/RequestVote";
                  readonly requestType: "VoteRequest";
                  readonly responseType: "VoteResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };
            }
        }

        /** Namespace replication. */
        namespace replication {

            /**
             * Properties of an AppendEntriesRequest.
             * @deprecated Use d_engine.server.replication.AppendEntriesRequest.$Properties instead.
             */
            interface IAppendEntriesRequest extends d_engine.server.replication.AppendEntriesRequest.$Properties {
            }

            /** Represents an AppendEntriesRequest. */
            class AppendEntriesRequest {

                /**
                 * Constructs a new AppendEntriesRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.replication.AppendEntriesRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AppendEntriesRequest term. */
                term: number;

                /** AppendEntriesRequest leaderId. */
                leaderId: number;

                /** AppendEntriesRequest prevLogIndex. */
                prevLogIndex: number;

                /** AppendEntriesRequest prevLogTerm. */
                prevLogTerm: number;

                /** AppendEntriesRequest entries. */
                entries: d_engine.common.Entry.$Properties[];

                /** AppendEntriesRequest leaderCommitIndex. */
                leaderCommitIndex: number;

                /**
                 * Creates a new AppendEntriesRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AppendEntriesRequest instance
                 */
                static create(properties: d_engine.server.replication.AppendEntriesRequest.$Shape): d_engine.server.replication.AppendEntriesRequest & d_engine.server.replication.AppendEntriesRequest.$Shape;
                static create(properties?: d_engine.server.replication.AppendEntriesRequest.$Properties): d_engine.server.replication.AppendEntriesRequest;

                /**
                 * Encodes the specified AppendEntriesRequest message. Does not implicitly {@link d_engine.server.replication.AppendEntriesRequest.verify|verify} messages.
                 * @param message AppendEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.replication.AppendEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified AppendEntriesRequest message, length delimited. Does not implicitly {@link d_engine.server.replication.AppendEntriesRequest.verify|verify} messages.
                 * @param message AppendEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.replication.AppendEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AppendEntriesRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.replication.AppendEntriesRequest & d_engine.server.replication.AppendEntriesRequest.$Shape} AppendEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.replication.AppendEntriesRequest & d_engine.server.replication.AppendEntriesRequest.$Shape;

                /**
                 * Decodes an AppendEntriesRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.replication.AppendEntriesRequest & d_engine.server.replication.AppendEntriesRequest.$Shape} AppendEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.replication.AppendEntriesRequest & d_engine.server.replication.AppendEntriesRequest.$Shape;

                /**
                 * Verifies an AppendEntriesRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an AppendEntriesRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AppendEntriesRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.replication.AppendEntriesRequest;

                /**
                 * Creates a plain object from an AppendEntriesRequest message. Also converts values to other types if specified.
                 * @param message AppendEntriesRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.replication.AppendEntriesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AppendEntriesRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for AppendEntriesRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace AppendEntriesRequest {

                /** Properties of an AppendEntriesRequest. */
                interface $Properties {

                    /** AppendEntriesRequest term */
                    term?: (number|null);

                    /** AppendEntriesRequest leaderId */
                    leaderId?: (number|null);

                    /** AppendEntriesRequest prevLogIndex */
                    prevLogIndex?: (number|null);

                    /** AppendEntriesRequest prevLogTerm */
                    prevLogTerm?: (number|null);

                    /** AppendEntriesRequest entries */
                    entries?: (d_engine.common.Entry.$Properties[]|null);

                    /** AppendEntriesRequest leaderCommitIndex */
                    leaderCommitIndex?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AppendEntriesRequest. */
                type $Shape = {
                  term?: number|null;
                  leaderId?: number|null;
                  prevLogIndex?: number|null;
                  prevLogTerm?: number|null;
                  entries?: d_engine.common.Entry.$Shape[]|null;
                  leaderCommitIndex?: number|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a SuccessResult.
             * @deprecated Use d_engine.server.replication.SuccessResult.$Properties instead.
             */
            interface ISuccessResult extends d_engine.server.replication.SuccessResult.$Properties {
            }

            /** Represents a SuccessResult. */
            class SuccessResult {

                /**
                 * Constructs a new SuccessResult.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.replication.SuccessResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SuccessResult lastMatch. */
                lastMatch?: (d_engine.common.LogId.$Properties|null);

                /**
                 * Creates a new SuccessResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SuccessResult instance
                 */
                static create(properties: d_engine.server.replication.SuccessResult.$Shape): d_engine.server.replication.SuccessResult & d_engine.server.replication.SuccessResult.$Shape;
                static create(properties?: d_engine.server.replication.SuccessResult.$Properties): d_engine.server.replication.SuccessResult;

                /**
                 * Encodes the specified SuccessResult message. Does not implicitly {@link d_engine.server.replication.SuccessResult.verify|verify} messages.
                 * @param message SuccessResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.replication.SuccessResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SuccessResult message, length delimited. Does not implicitly {@link d_engine.server.replication.SuccessResult.verify|verify} messages.
                 * @param message SuccessResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.replication.SuccessResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SuccessResult message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.replication.SuccessResult & d_engine.server.replication.SuccessResult.$Shape} SuccessResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.replication.SuccessResult & d_engine.server.replication.SuccessResult.$Shape;

                /**
                 * Decodes a SuccessResult message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.replication.SuccessResult & d_engine.server.replication.SuccessResult.$Shape} SuccessResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.replication.SuccessResult & d_engine.server.replication.SuccessResult.$Shape;

                /**
                 * Verifies a SuccessResult message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SuccessResult message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SuccessResult
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.replication.SuccessResult;

                /**
                 * Creates a plain object from a SuccessResult message. Also converts values to other types if specified.
                 * @param message SuccessResult
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.replication.SuccessResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SuccessResult to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SuccessResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SuccessResult {

                /** Properties of a SuccessResult. */
                interface $Properties {

                    /** SuccessResult lastMatch */
                    lastMatch?: (d_engine.common.LogId.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SuccessResult. */
                type $Shape = d_engine.server.replication.SuccessResult.$Properties;
            }

            /**
             * Properties of a ConflictResult.
             * @deprecated Use d_engine.server.replication.ConflictResult.$Properties instead.
             */
            interface IConflictResult extends d_engine.server.replication.ConflictResult.$Properties {
            }

            /** Represents a ConflictResult. */
            class ConflictResult {

                /**
                 * Constructs a new ConflictResult.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.replication.ConflictResult.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConflictResult conflictTerm. */
                conflictTerm?: (number|null);

                /** ConflictResult conflictIndex. */
                conflictIndex?: (number|null);

                /**
                 * Creates a new ConflictResult instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ConflictResult instance
                 */
                static create(properties: d_engine.server.replication.ConflictResult.$Shape): d_engine.server.replication.ConflictResult & d_engine.server.replication.ConflictResult.$Shape;
                static create(properties?: d_engine.server.replication.ConflictResult.$Properties): d_engine.server.replication.ConflictResult;

                /**
                 * Encodes the specified ConflictResult message. Does not implicitly {@link d_engine.server.replication.ConflictResult.verify|verify} messages.
                 * @param message ConflictResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.replication.ConflictResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ConflictResult message, length delimited. Does not implicitly {@link d_engine.server.replication.ConflictResult.verify|verify} messages.
                 * @param message ConflictResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.replication.ConflictResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConflictResult message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.replication.ConflictResult & d_engine.server.replication.ConflictResult.$Shape} ConflictResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.replication.ConflictResult & d_engine.server.replication.ConflictResult.$Shape;

                /**
                 * Decodes a ConflictResult message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.replication.ConflictResult & d_engine.server.replication.ConflictResult.$Shape} ConflictResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.replication.ConflictResult & d_engine.server.replication.ConflictResult.$Shape;

                /**
                 * Verifies a ConflictResult message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ConflictResult message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ConflictResult
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.replication.ConflictResult;

                /**
                 * Creates a plain object from a ConflictResult message. Also converts values to other types if specified.
                 * @param message ConflictResult
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.replication.ConflictResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ConflictResult to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ConflictResult
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ConflictResult {

                /** Properties of a ConflictResult. */
                interface $Properties {

                    /** ConflictResult conflictTerm */
                    conflictTerm?: (number|null);

                    /** ConflictResult conflictIndex */
                    conflictIndex?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConflictResult. */
                type $Shape = d_engine.server.replication.ConflictResult.$Properties;
            }

            /**
             * Properties of an AppendEntriesResponse.
             * @deprecated Use d_engine.server.replication.AppendEntriesResponse.$Properties instead.
             */
            interface IAppendEntriesResponse extends d_engine.server.replication.AppendEntriesResponse.$Properties {
            }

            /** Represents an AppendEntriesResponse. */
            class AppendEntriesResponse {

                /**
                 * Constructs a new AppendEntriesResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.replication.AppendEntriesResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AppendEntriesResponse nodeId. */
                nodeId: number;

                /** AppendEntriesResponse term. */
                term: number;

                /** AppendEntriesResponse success. */
                success?: (d_engine.server.replication.SuccessResult.$Properties|null);

                /** AppendEntriesResponse conflict. */
                conflict?: (d_engine.server.replication.ConflictResult.$Properties|null);

                /** AppendEntriesResponse higherTerm. */
                higherTerm?: (number|null);

                /** AppendEntriesResponse result. */
                result?: ("success"|"conflict"|"higherTerm");

                /**
                 * Creates a new AppendEntriesResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AppendEntriesResponse instance
                 */
                static create(properties: d_engine.server.replication.AppendEntriesResponse.$Shape): d_engine.server.replication.AppendEntriesResponse & d_engine.server.replication.AppendEntriesResponse.$Shape;
                static create(properties?: d_engine.server.replication.AppendEntriesResponse.$Properties): d_engine.server.replication.AppendEntriesResponse;

                /**
                 * Encodes the specified AppendEntriesResponse message. Does not implicitly {@link d_engine.server.replication.AppendEntriesResponse.verify|verify} messages.
                 * @param message AppendEntriesResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.replication.AppendEntriesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified AppendEntriesResponse message, length delimited. Does not implicitly {@link d_engine.server.replication.AppendEntriesResponse.verify|verify} messages.
                 * @param message AppendEntriesResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.replication.AppendEntriesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AppendEntriesResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.replication.AppendEntriesResponse & d_engine.server.replication.AppendEntriesResponse.$Shape} AppendEntriesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.replication.AppendEntriesResponse & d_engine.server.replication.AppendEntriesResponse.$Shape;

                /**
                 * Decodes an AppendEntriesResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.replication.AppendEntriesResponse & d_engine.server.replication.AppendEntriesResponse.$Shape} AppendEntriesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.replication.AppendEntriesResponse & d_engine.server.replication.AppendEntriesResponse.$Shape;

                /**
                 * Verifies an AppendEntriesResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an AppendEntriesResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AppendEntriesResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.replication.AppendEntriesResponse;

                /**
                 * Creates a plain object from an AppendEntriesResponse message. Also converts values to other types if specified.
                 * @param message AppendEntriesResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.replication.AppendEntriesResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AppendEntriesResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for AppendEntriesResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace AppendEntriesResponse {

                /** Properties of an AppendEntriesResponse. */
                interface $Properties {

                    /** AppendEntriesResponse nodeId */
                    nodeId?: (number|null);

                    /** AppendEntriesResponse term */
                    term?: (number|null);

                    /** AppendEntriesResponse success */
                    success?: (d_engine.server.replication.SuccessResult.$Properties|null);

                    /** AppendEntriesResponse conflict */
                    conflict?: (d_engine.server.replication.ConflictResult.$Properties|null);

                    /** AppendEntriesResponse higherTerm */
                    higherTerm?: (number|null);

                    /** AppendEntriesResponse result */
                    result?: ("success"|"conflict"|"higherTerm");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of an AppendEntriesResponse. */
                type $Shape = {
                  nodeId?: number|null;
                  term?: number|null;
                  success?: d_engine.server.replication.SuccessResult.$Shape|null;
                  conflict?: d_engine.server.replication.ConflictResult.$Shape|null;
                  higherTerm?: number|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ result?: undefined; success?: null; conflict?: null; higherTerm?: null }|{ result?: "success"; success: d_engine.server.replication.SuccessResult.$Shape; conflict?: null; higherTerm?: null }|{ result?: "conflict"; success?: null; conflict: d_engine.server.replication.ConflictResult.$Shape; higherTerm?: null }|{ result?: "higherTerm"; success?: null; conflict?: null; higherTerm: number })
                );
            }

            /** Represents a RaftReplicationService */
            class RaftReplicationService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new RaftReplicationService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new RaftReplicationService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): RaftReplicationService;

                /** Calls AppendEntries. */
                appendEntries: d_engine.server.replication.RaftReplicationService.AppendEntries;

                /** Calls StreamAppendEntries. */
                streamAppendEntries: d_engine.server.replication.RaftReplicationService.StreamAppendEntries;
            }

            namespace RaftReplicationService {

                /**
                 * Callback as used by {@link d_engine.server.replication.RaftReplicationService#appendEntries}.
                 * @param error Error, if any
                 * @param [response] AppendEntriesResponse
                 */
                type AppendEntriesCallback = (error: (Error|null), response?: d_engine.server.replication.AppendEntriesResponse) => void;

                /** Calls AppendEntries. */
                type AppendEntries = {
                  (request: d_engine.server.replication.IAppendEntriesRequest, callback: d_engine.server.replication.RaftReplicationService.AppendEntriesCallback): void;
                  (request: d_engine.server.replication.IAppendEntriesRequest): Promise<d_engine.server.replication.AppendEntriesResponse>;
                  readonly name: "AppendEntries";
                  readonly path: "/d_engine.server.replication.RaftReplicationService/AppendEntries";
                  readonly requestType: "AppendEntriesRequest";
                  readonly responseType: "AppendEntriesResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link d_engine.server.replication.RaftReplicationService#streamAppendEntries}.
                 * @param error Error, if any
                 * @param [response] AppendEntriesResponse
                 */
                type StreamAppendEntriesCallback = (error: (Error|null), response?: d_engine.server.replication.AppendEntriesResponse) => void;

                /** Calls StreamAppendEntries. */
                type StreamAppendEntries = {
                  (request: d_engine.server.replication.IAppendEntriesRequest, callback: d_engine.server.replication.RaftReplicationService.StreamAppendEntriesCallback): void;
                  (request: d_engine.server.replication.IAppendEntriesRequest): Promise<d_engine.server.replication.AppendEntriesResponse>;
                  readonly name: "StreamAppendEntries";
                  readonly path: "/d_engine.server.replication.RaftReplicationService/StreamAppendEntries";
                  readonly requestType: "AppendEntriesRequest";
                  readonly responseType: "AppendEntriesResponse";
                  readonly requestStream: true;
                  readonly responseStream: true;
                };
            }
        }

        /** Namespace storage. */
        namespace storage {

            /**
             * Properties of a SnapshotMetadata.
             * @deprecated Use d_engine.server.storage.SnapshotMetadata.$Properties instead.
             */
            interface ISnapshotMetadata extends d_engine.server.storage.SnapshotMetadata.$Properties {
            }

            /** Represents a SnapshotMetadata. */
            class SnapshotMetadata {

                /**
                 * Constructs a new SnapshotMetadata.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.storage.SnapshotMetadata.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotMetadata lastIncluded. */
                lastIncluded?: (d_engine.common.LogId.$Properties|null);

                /** SnapshotMetadata checksum. */
                checksum: Uint8Array;

                /**
                 * Creates a new SnapshotMetadata instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotMetadata instance
                 */
                static create(properties: d_engine.server.storage.SnapshotMetadata.$Shape): d_engine.server.storage.SnapshotMetadata & d_engine.server.storage.SnapshotMetadata.$Shape;
                static create(properties?: d_engine.server.storage.SnapshotMetadata.$Properties): d_engine.server.storage.SnapshotMetadata;

                /**
                 * Encodes the specified SnapshotMetadata message. Does not implicitly {@link d_engine.server.storage.SnapshotMetadata.verify|verify} messages.
                 * @param message SnapshotMetadata message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.storage.SnapshotMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SnapshotMetadata message, length delimited. Does not implicitly {@link d_engine.server.storage.SnapshotMetadata.verify|verify} messages.
                 * @param message SnapshotMetadata message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.storage.SnapshotMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotMetadata message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.storage.SnapshotMetadata & d_engine.server.storage.SnapshotMetadata.$Shape} SnapshotMetadata
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.storage.SnapshotMetadata & d_engine.server.storage.SnapshotMetadata.$Shape;

                /**
                 * Decodes a SnapshotMetadata message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.storage.SnapshotMetadata & d_engine.server.storage.SnapshotMetadata.$Shape} SnapshotMetadata
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.storage.SnapshotMetadata & d_engine.server.storage.SnapshotMetadata.$Shape;

                /**
                 * Verifies a SnapshotMetadata message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SnapshotMetadata message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotMetadata
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.storage.SnapshotMetadata;

                /**
                 * Creates a plain object from a SnapshotMetadata message. Also converts values to other types if specified.
                 * @param message SnapshotMetadata
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.storage.SnapshotMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotMetadata to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SnapshotMetadata
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SnapshotMetadata {

                /** Properties of a SnapshotMetadata. */
                interface $Properties {

                    /** SnapshotMetadata lastIncluded */
                    lastIncluded?: (d_engine.common.LogId.$Properties|null);

                    /** SnapshotMetadata checksum */
                    checksum?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotMetadata. */
                type $Shape = d_engine.server.storage.SnapshotMetadata.$Properties;
            }

            /**
             * Properties of a SnapshotChunk.
             * @deprecated Use d_engine.server.storage.SnapshotChunk.$Properties instead.
             */
            interface ISnapshotChunk extends d_engine.server.storage.SnapshotChunk.$Properties {
            }

            /** Represents a SnapshotChunk. */
            class SnapshotChunk {

                /**
                 * Constructs a new SnapshotChunk.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.storage.SnapshotChunk.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotChunk leaderTerm. */
                leaderTerm: number;

                /** SnapshotChunk leaderId. */
                leaderId: number;

                /** SnapshotChunk seq. */
                seq: number;

                /** SnapshotChunk totalChunks. */
                totalChunks: number;

                /** SnapshotChunk chunkChecksum. */
                chunkChecksum: Uint8Array;

                /** SnapshotChunk metadata. */
                metadata?: (d_engine.server.storage.SnapshotMetadata.$Properties|null);

                /** SnapshotChunk data. */
                data: Uint8Array;

                /**
                 * Creates a new SnapshotChunk instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotChunk instance
                 */
                static create(properties: d_engine.server.storage.SnapshotChunk.$Shape): d_engine.server.storage.SnapshotChunk & d_engine.server.storage.SnapshotChunk.$Shape;
                static create(properties?: d_engine.server.storage.SnapshotChunk.$Properties): d_engine.server.storage.SnapshotChunk;

                /**
                 * Encodes the specified SnapshotChunk message. Does not implicitly {@link d_engine.server.storage.SnapshotChunk.verify|verify} messages.
                 * @param message SnapshotChunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.storage.SnapshotChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SnapshotChunk message, length delimited. Does not implicitly {@link d_engine.server.storage.SnapshotChunk.verify|verify} messages.
                 * @param message SnapshotChunk message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.storage.SnapshotChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotChunk message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.storage.SnapshotChunk & d_engine.server.storage.SnapshotChunk.$Shape} SnapshotChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.storage.SnapshotChunk & d_engine.server.storage.SnapshotChunk.$Shape;

                /**
                 * Decodes a SnapshotChunk message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.storage.SnapshotChunk & d_engine.server.storage.SnapshotChunk.$Shape} SnapshotChunk
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.storage.SnapshotChunk & d_engine.server.storage.SnapshotChunk.$Shape;

                /**
                 * Verifies a SnapshotChunk message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SnapshotChunk message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotChunk
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.storage.SnapshotChunk;

                /**
                 * Creates a plain object from a SnapshotChunk message. Also converts values to other types if specified.
                 * @param message SnapshotChunk
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.storage.SnapshotChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotChunk to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SnapshotChunk
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SnapshotChunk {

                /** Properties of a SnapshotChunk. */
                interface $Properties {

                    /** SnapshotChunk leaderTerm */
                    leaderTerm?: (number|null);

                    /** SnapshotChunk leaderId */
                    leaderId?: (number|null);

                    /** SnapshotChunk seq */
                    seq?: (number|null);

                    /** SnapshotChunk totalChunks */
                    totalChunks?: (number|null);

                    /** SnapshotChunk chunkChecksum */
                    chunkChecksum?: (Uint8Array|null);

                    /** SnapshotChunk metadata */
                    metadata?: (d_engine.server.storage.SnapshotMetadata.$Properties|null);

                    /** SnapshotChunk data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotChunk. */
                type $Shape = d_engine.server.storage.SnapshotChunk.$Properties;
            }

            /**
             * Properties of a SnapshotResponse.
             * @deprecated Use d_engine.server.storage.SnapshotResponse.$Properties instead.
             */
            interface ISnapshotResponse extends d_engine.server.storage.SnapshotResponse.$Properties {
            }

            /** Represents a SnapshotResponse. */
            class SnapshotResponse {

                /**
                 * Constructs a new SnapshotResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.storage.SnapshotResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotResponse term. */
                term: number;

                /** SnapshotResponse success. */
                success: boolean;

                /** SnapshotResponse nextChunk. */
                nextChunk: number;

                /**
                 * Creates a new SnapshotResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotResponse instance
                 */
                static create(properties: d_engine.server.storage.SnapshotResponse.$Shape): d_engine.server.storage.SnapshotResponse & d_engine.server.storage.SnapshotResponse.$Shape;
                static create(properties?: d_engine.server.storage.SnapshotResponse.$Properties): d_engine.server.storage.SnapshotResponse;

                /**
                 * Encodes the specified SnapshotResponse message. Does not implicitly {@link d_engine.server.storage.SnapshotResponse.verify|verify} messages.
                 * @param message SnapshotResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.storage.SnapshotResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SnapshotResponse message, length delimited. Does not implicitly {@link d_engine.server.storage.SnapshotResponse.verify|verify} messages.
                 * @param message SnapshotResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.storage.SnapshotResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.storage.SnapshotResponse & d_engine.server.storage.SnapshotResponse.$Shape} SnapshotResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.storage.SnapshotResponse & d_engine.server.storage.SnapshotResponse.$Shape;

                /**
                 * Decodes a SnapshotResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.storage.SnapshotResponse & d_engine.server.storage.SnapshotResponse.$Shape} SnapshotResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.storage.SnapshotResponse & d_engine.server.storage.SnapshotResponse.$Shape;

                /**
                 * Verifies a SnapshotResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SnapshotResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.storage.SnapshotResponse;

                /**
                 * Creates a plain object from a SnapshotResponse message. Also converts values to other types if specified.
                 * @param message SnapshotResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.storage.SnapshotResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SnapshotResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SnapshotResponse {

                /** Properties of a SnapshotResponse. */
                interface $Properties {

                    /** SnapshotResponse term */
                    term?: (number|null);

                    /** SnapshotResponse success */
                    success?: (boolean|null);

                    /** SnapshotResponse nextChunk */
                    nextChunk?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotResponse. */
                type $Shape = d_engine.server.storage.SnapshotResponse.$Properties;
            }

            /**
             * Properties of a SnapshotAck.
             * @deprecated Use d_engine.server.storage.SnapshotAck.$Properties instead.
             */
            interface ISnapshotAck extends d_engine.server.storage.SnapshotAck.$Properties {
            }

            /** Represents a SnapshotAck. */
            class SnapshotAck {

                /**
                 * Constructs a new SnapshotAck.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.storage.SnapshotAck.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotAck seq. */
                seq: number;

                /** SnapshotAck status. */
                status: d_engine.server.storage.SnapshotAck.ChunkStatus;

                /** SnapshotAck nextRequested. */
                nextRequested: number;

                /**
                 * Creates a new SnapshotAck instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotAck instance
                 */
                static create(properties: d_engine.server.storage.SnapshotAck.$Shape): d_engine.server.storage.SnapshotAck & d_engine.server.storage.SnapshotAck.$Shape;
                static create(properties?: d_engine.server.storage.SnapshotAck.$Properties): d_engine.server.storage.SnapshotAck;

                /**
                 * Encodes the specified SnapshotAck message. Does not implicitly {@link d_engine.server.storage.SnapshotAck.verify|verify} messages.
                 * @param message SnapshotAck message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.storage.SnapshotAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SnapshotAck message, length delimited. Does not implicitly {@link d_engine.server.storage.SnapshotAck.verify|verify} messages.
                 * @param message SnapshotAck message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.storage.SnapshotAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotAck message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.storage.SnapshotAck & d_engine.server.storage.SnapshotAck.$Shape} SnapshotAck
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.storage.SnapshotAck & d_engine.server.storage.SnapshotAck.$Shape;

                /**
                 * Decodes a SnapshotAck message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.storage.SnapshotAck & d_engine.server.storage.SnapshotAck.$Shape} SnapshotAck
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.storage.SnapshotAck & d_engine.server.storage.SnapshotAck.$Shape;

                /**
                 * Verifies a SnapshotAck message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SnapshotAck message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotAck
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.storage.SnapshotAck;

                /**
                 * Creates a plain object from a SnapshotAck message. Also converts values to other types if specified.
                 * @param message SnapshotAck
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.storage.SnapshotAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotAck to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SnapshotAck
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SnapshotAck {

                /** Properties of a SnapshotAck. */
                interface $Properties {

                    /** SnapshotAck seq */
                    seq?: (number|null);

                    /** SnapshotAck status */
                    status?: (d_engine.server.storage.SnapshotAck.ChunkStatus|null);

                    /** SnapshotAck nextRequested */
                    nextRequested?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotAck. */
                type $Shape = d_engine.server.storage.SnapshotAck.$Properties;

                /** ChunkStatus enum. */
                enum ChunkStatus {

                    /** CHUNK_STATUS_UNSPECIFIED value */
                    CHUNK_STATUS_UNSPECIFIED = 0,

                    /** CHUNK_STATUS_ACCEPTED value */
                    CHUNK_STATUS_ACCEPTED = 1,

                    /** CHUNK_STATUS_CHECKSUM_MISMATCH value */
                    CHUNK_STATUS_CHECKSUM_MISMATCH = 2,

                    /** CHUNK_STATUS_OUT_OF_ORDER value */
                    CHUNK_STATUS_OUT_OF_ORDER = 3,

                    /** CHUNK_STATUS_REQUESTED value */
                    CHUNK_STATUS_REQUESTED = 4,

                    /** CHUNK_STATUS_FAILED value */
                    CHUNK_STATUS_FAILED = 5
                }
            }

            /** Represents a SnapshotService */
            class SnapshotService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new SnapshotService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new SnapshotService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): SnapshotService;

                /** Calls InstallSnapshot. */
                installSnapshot: d_engine.server.storage.SnapshotService.InstallSnapshot;

                /** Calls StreamSnapshot. */
                streamSnapshot: d_engine.server.storage.SnapshotService.StreamSnapshot;
            }

            namespace SnapshotService {

                /**
                 * Callback as used by {@link d_engine.server.storage.SnapshotService#installSnapshot}.
                 * @param error Error, if any
                 * @param [response] SnapshotResponse
                 */
                type InstallSnapshotCallback = (error: (Error|null), response?: d_engine.server.storage.SnapshotResponse) => void;

                /** Calls InstallSnapshot. */
                type InstallSnapshot = {
                  (request: d_engine.server.storage.ISnapshotChunk, callback: d_engine.server.storage.SnapshotService.InstallSnapshotCallback): void;
                  (request: d_engine.server.storage.ISnapshotChunk): Promise<d_engine.server.storage.SnapshotResponse>;
                  readonly name: "InstallSnapshot";
                  readonly path: "/d_engine.server.storage.SnapshotService/InstallSnapshot";
                  readonly requestType: "SnapshotChunk";
                  readonly responseType: "SnapshotResponse";
                  readonly requestStream: true;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link d_engine.server.storage.SnapshotService#streamSnapshot}.
                 * @param error Error, if any
                 * @param [response] SnapshotChunk
                 */
                type StreamSnapshotCallback = (error: (Error|null), response?: d_engine.server.storage.SnapshotChunk) => void;

                /** Calls StreamSnapshot. */
                type StreamSnapshot = {
                  (request: d_engine.server.storage.ISnapshotAck, callback: d_engine.server.storage.SnapshotService.StreamSnapshotCallback): void;
                  (request: d_engine.server.storage.ISnapshotAck): Promise<d_engine.server.storage.SnapshotChunk>;
                  readonly name: "StreamSnapshot";
                  readonly path: "/d_engine.server.storage.SnapshotService/StreamSnapshot";
                  readonly requestType: "SnapshotAck";
                  readonly responseType: "SnapshotChunk";
                  readonly requestStream: true;
                  readonly responseStream: true;
                };
            }
        }

        /** Namespace cluster. */
        namespace cluster {

            /** ConfigState enum. */
            enum ConfigState {

                /** STABLE value */
                STABLE = 0,

                /** CONFIG_TRANSITION value */
                CONFIG_TRANSITION = 1,

                /** ELECTION_IN_PROGRESS value */
                ELECTION_IN_PROGRESS = 2
            }

            /**
             * Properties of a ClusterConfChangeRequest.
             * @deprecated Use d_engine.server.cluster.ClusterConfChangeRequest.$Properties instead.
             */
            interface IClusterConfChangeRequest extends d_engine.server.cluster.ClusterConfChangeRequest.$Properties {
            }

            /** Represents a ClusterConfChangeRequest. */
            class ClusterConfChangeRequest {

                /**
                 * Constructs a new ClusterConfChangeRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.ClusterConfChangeRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ClusterConfChangeRequest id. */
                id: number;

                /** ClusterConfChangeRequest term. */
                term: number;

                /** ClusterConfChangeRequest version. */
                version: number;

                /** ClusterConfChangeRequest change. */
                change?: (d_engine.common.MembershipChange.$Properties|null);

                /**
                 * Creates a new ClusterConfChangeRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ClusterConfChangeRequest instance
                 */
                static create(properties: d_engine.server.cluster.ClusterConfChangeRequest.$Shape): d_engine.server.cluster.ClusterConfChangeRequest & d_engine.server.cluster.ClusterConfChangeRequest.$Shape;
                static create(properties?: d_engine.server.cluster.ClusterConfChangeRequest.$Properties): d_engine.server.cluster.ClusterConfChangeRequest;

                /**
                 * Encodes the specified ClusterConfChangeRequest message. Does not implicitly {@link d_engine.server.cluster.ClusterConfChangeRequest.verify|verify} messages.
                 * @param message ClusterConfChangeRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.ClusterConfChangeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ClusterConfChangeRequest message, length delimited. Does not implicitly {@link d_engine.server.cluster.ClusterConfChangeRequest.verify|verify} messages.
                 * @param message ClusterConfChangeRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.ClusterConfChangeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ClusterConfChangeRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.ClusterConfChangeRequest & d_engine.server.cluster.ClusterConfChangeRequest.$Shape} ClusterConfChangeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.ClusterConfChangeRequest & d_engine.server.cluster.ClusterConfChangeRequest.$Shape;

                /**
                 * Decodes a ClusterConfChangeRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.ClusterConfChangeRequest & d_engine.server.cluster.ClusterConfChangeRequest.$Shape} ClusterConfChangeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.ClusterConfChangeRequest & d_engine.server.cluster.ClusterConfChangeRequest.$Shape;

                /**
                 * Verifies a ClusterConfChangeRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ClusterConfChangeRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ClusterConfChangeRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.ClusterConfChangeRequest;

                /**
                 * Creates a plain object from a ClusterConfChangeRequest message. Also converts values to other types if specified.
                 * @param message ClusterConfChangeRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.ClusterConfChangeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ClusterConfChangeRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ClusterConfChangeRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ClusterConfChangeRequest {

                /** Properties of a ClusterConfChangeRequest. */
                interface $Properties {

                    /** ClusterConfChangeRequest id */
                    id?: (number|null);

                    /** ClusterConfChangeRequest term */
                    term?: (number|null);

                    /** ClusterConfChangeRequest version */
                    version?: (number|null);

                    /** ClusterConfChangeRequest change */
                    change?: (d_engine.common.MembershipChange.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ClusterConfChangeRequest. */
                type $Shape = {
                  id?: number|null;
                  term?: number|null;
                  version?: number|null;
                  change?: d_engine.common.MembershipChange.$Shape|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a ClusterConfUpdateResponse.
             * @deprecated Use d_engine.server.cluster.ClusterConfUpdateResponse.$Properties instead.
             */
            interface IClusterConfUpdateResponse extends d_engine.server.cluster.ClusterConfUpdateResponse.$Properties {
            }

            /** Represents a ClusterConfUpdateResponse. */
            class ClusterConfUpdateResponse {

                /**
                 * Constructs a new ClusterConfUpdateResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.ClusterConfUpdateResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ClusterConfUpdateResponse id. */
                id: number;

                /** ClusterConfUpdateResponse term. */
                term: number;

                /** ClusterConfUpdateResponse version. */
                version: number;

                /** ClusterConfUpdateResponse success. */
                success: boolean;

                /** ClusterConfUpdateResponse errorCode. */
                errorCode: d_engine.server.cluster.ClusterConfUpdateResponse.ErrorCode;

                /**
                 * Creates a new ClusterConfUpdateResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ClusterConfUpdateResponse instance
                 */
                static create(properties: d_engine.server.cluster.ClusterConfUpdateResponse.$Shape): d_engine.server.cluster.ClusterConfUpdateResponse & d_engine.server.cluster.ClusterConfUpdateResponse.$Shape;
                static create(properties?: d_engine.server.cluster.ClusterConfUpdateResponse.$Properties): d_engine.server.cluster.ClusterConfUpdateResponse;

                /**
                 * Encodes the specified ClusterConfUpdateResponse message. Does not implicitly {@link d_engine.server.cluster.ClusterConfUpdateResponse.verify|verify} messages.
                 * @param message ClusterConfUpdateResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.ClusterConfUpdateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ClusterConfUpdateResponse message, length delimited. Does not implicitly {@link d_engine.server.cluster.ClusterConfUpdateResponse.verify|verify} messages.
                 * @param message ClusterConfUpdateResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.ClusterConfUpdateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ClusterConfUpdateResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.ClusterConfUpdateResponse & d_engine.server.cluster.ClusterConfUpdateResponse.$Shape} ClusterConfUpdateResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.ClusterConfUpdateResponse & d_engine.server.cluster.ClusterConfUpdateResponse.$Shape;

                /**
                 * Decodes a ClusterConfUpdateResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.ClusterConfUpdateResponse & d_engine.server.cluster.ClusterConfUpdateResponse.$Shape} ClusterConfUpdateResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.ClusterConfUpdateResponse & d_engine.server.cluster.ClusterConfUpdateResponse.$Shape;

                /**
                 * Verifies a ClusterConfUpdateResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ClusterConfUpdateResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ClusterConfUpdateResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.ClusterConfUpdateResponse;

                /**
                 * Creates a plain object from a ClusterConfUpdateResponse message. Also converts values to other types if specified.
                 * @param message ClusterConfUpdateResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.ClusterConfUpdateResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ClusterConfUpdateResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ClusterConfUpdateResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ClusterConfUpdateResponse {

                /** Properties of a ClusterConfUpdateResponse. */
                interface $Properties {

                    /** ClusterConfUpdateResponse id */
                    id?: (number|null);

                    /** ClusterConfUpdateResponse term */
                    term?: (number|null);

                    /** ClusterConfUpdateResponse version */
                    version?: (number|null);

                    /** ClusterConfUpdateResponse success */
                    success?: (boolean|null);

                    /** ClusterConfUpdateResponse errorCode */
                    errorCode?: (d_engine.server.cluster.ClusterConfUpdateResponse.ErrorCode|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ClusterConfUpdateResponse. */
                type $Shape = d_engine.server.cluster.ClusterConfUpdateResponse.$Properties;

                /** ErrorCode enum. */
                enum ErrorCode {

                    /** ERROR_CODE_UNSPECIFIED value */
                    ERROR_CODE_UNSPECIFIED = 0,

                    /** ERROR_CODE_NOT_LEADER value */
                    ERROR_CODE_NOT_LEADER = 1,

                    /** ERROR_CODE_VERSION_CONFLICT value */
                    ERROR_CODE_VERSION_CONFLICT = 2,

                    /** ERROR_CODE_TERM_OUTDATED value */
                    ERROR_CODE_TERM_OUTDATED = 3,

                    /** ERROR_CODE_INVALID_CHANGE value */
                    ERROR_CODE_INVALID_CHANGE = 4,

                    /** ERROR_CODE_INTERNAL_ERROR value */
                    ERROR_CODE_INTERNAL_ERROR = 5
                }
            }

            /**
             * Properties of a MetadataRequest.
             * @deprecated Use d_engine.server.cluster.MetadataRequest.$Properties instead.
             */
            interface IMetadataRequest extends d_engine.server.cluster.MetadataRequest.$Properties {
            }

            /** Represents a MetadataRequest. */
            class MetadataRequest {

                /**
                 * Constructs a new MetadataRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.MetadataRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new MetadataRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns MetadataRequest instance
                 */
                static create(properties: d_engine.server.cluster.MetadataRequest.$Shape): d_engine.server.cluster.MetadataRequest & d_engine.server.cluster.MetadataRequest.$Shape;
                static create(properties?: d_engine.server.cluster.MetadataRequest.$Properties): d_engine.server.cluster.MetadataRequest;

                /**
                 * Encodes the specified MetadataRequest message. Does not implicitly {@link d_engine.server.cluster.MetadataRequest.verify|verify} messages.
                 * @param message MetadataRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.MetadataRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified MetadataRequest message, length delimited. Does not implicitly {@link d_engine.server.cluster.MetadataRequest.verify|verify} messages.
                 * @param message MetadataRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.MetadataRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a MetadataRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.MetadataRequest & d_engine.server.cluster.MetadataRequest.$Shape} MetadataRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.MetadataRequest & d_engine.server.cluster.MetadataRequest.$Shape;

                /**
                 * Decodes a MetadataRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.MetadataRequest & d_engine.server.cluster.MetadataRequest.$Shape} MetadataRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.MetadataRequest & d_engine.server.cluster.MetadataRequest.$Shape;

                /**
                 * Verifies a MetadataRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a MetadataRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns MetadataRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.MetadataRequest;

                /**
                 * Creates a plain object from a MetadataRequest message. Also converts values to other types if specified.
                 * @param message MetadataRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.MetadataRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this MetadataRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for MetadataRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace MetadataRequest {

                /** Properties of a MetadataRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a MetadataRequest. */
                type $Shape = d_engine.server.cluster.MetadataRequest.$Properties;
            }

            /**
             * Properties of a NodeMeta.
             * @deprecated Use d_engine.server.cluster.NodeMeta.$Properties instead.
             */
            interface INodeMeta extends d_engine.server.cluster.NodeMeta.$Properties {
            }

            /** Represents a NodeMeta. */
            class NodeMeta {

                /**
                 * Constructs a new NodeMeta.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.NodeMeta.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** NodeMeta id. */
                id: number;

                /** NodeMeta address. */
                address: string;

                /** NodeMeta role. */
                role: number;

                /** NodeMeta status. */
                status: d_engine.common.NodeStatus;

                /**
                 * Creates a new NodeMeta instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns NodeMeta instance
                 */
                static create(properties: d_engine.server.cluster.NodeMeta.$Shape): d_engine.server.cluster.NodeMeta & d_engine.server.cluster.NodeMeta.$Shape;
                static create(properties?: d_engine.server.cluster.NodeMeta.$Properties): d_engine.server.cluster.NodeMeta;

                /**
                 * Encodes the specified NodeMeta message. Does not implicitly {@link d_engine.server.cluster.NodeMeta.verify|verify} messages.
                 * @param message NodeMeta message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.NodeMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified NodeMeta message, length delimited. Does not implicitly {@link d_engine.server.cluster.NodeMeta.verify|verify} messages.
                 * @param message NodeMeta message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.NodeMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a NodeMeta message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.NodeMeta & d_engine.server.cluster.NodeMeta.$Shape} NodeMeta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.NodeMeta & d_engine.server.cluster.NodeMeta.$Shape;

                /**
                 * Decodes a NodeMeta message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.NodeMeta & d_engine.server.cluster.NodeMeta.$Shape} NodeMeta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.NodeMeta & d_engine.server.cluster.NodeMeta.$Shape;

                /**
                 * Verifies a NodeMeta message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a NodeMeta message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns NodeMeta
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.NodeMeta;

                /**
                 * Creates a plain object from a NodeMeta message. Also converts values to other types if specified.
                 * @param message NodeMeta
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.NodeMeta, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this NodeMeta to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for NodeMeta
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace NodeMeta {

                /** Properties of a NodeMeta. */
                interface $Properties {

                    /** NodeMeta id */
                    id?: (number|null);

                    /** NodeMeta address */
                    address?: (string|null);

                    /** NodeMeta role */
                    role?: (number|null);

                    /** NodeMeta status */
                    status?: (d_engine.common.NodeStatus|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a NodeMeta. */
                type $Shape = d_engine.server.cluster.NodeMeta.$Properties;
            }

            /**
             * Properties of a ClusterMembership.
             * @deprecated Use d_engine.server.cluster.ClusterMembership.$Properties instead.
             */
            interface IClusterMembership extends d_engine.server.cluster.ClusterMembership.$Properties {
            }

            /** Represents a ClusterMembership. */
            class ClusterMembership {

                /**
                 * Constructs a new ClusterMembership.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.ClusterMembership.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ClusterMembership version. */
                version: number;

                /** ClusterMembership nodes. */
                nodes: d_engine.server.cluster.NodeMeta.$Properties[];

                /** ClusterMembership currentLeaderId. */
                currentLeaderId?: (number|null);

                /**
                 * Creates a new ClusterMembership instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ClusterMembership instance
                 */
                static create(properties: d_engine.server.cluster.ClusterMembership.$Shape): d_engine.server.cluster.ClusterMembership & d_engine.server.cluster.ClusterMembership.$Shape;
                static create(properties?: d_engine.server.cluster.ClusterMembership.$Properties): d_engine.server.cluster.ClusterMembership;

                /**
                 * Encodes the specified ClusterMembership message. Does not implicitly {@link d_engine.server.cluster.ClusterMembership.verify|verify} messages.
                 * @param message ClusterMembership message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.ClusterMembership.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ClusterMembership message, length delimited. Does not implicitly {@link d_engine.server.cluster.ClusterMembership.verify|verify} messages.
                 * @param message ClusterMembership message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.ClusterMembership.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ClusterMembership message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.ClusterMembership & d_engine.server.cluster.ClusterMembership.$Shape} ClusterMembership
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.ClusterMembership & d_engine.server.cluster.ClusterMembership.$Shape;

                /**
                 * Decodes a ClusterMembership message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.ClusterMembership & d_engine.server.cluster.ClusterMembership.$Shape} ClusterMembership
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.ClusterMembership & d_engine.server.cluster.ClusterMembership.$Shape;

                /**
                 * Verifies a ClusterMembership message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ClusterMembership message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ClusterMembership
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.ClusterMembership;

                /**
                 * Creates a plain object from a ClusterMembership message. Also converts values to other types if specified.
                 * @param message ClusterMembership
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.ClusterMembership, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ClusterMembership to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ClusterMembership
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ClusterMembership {

                /** Properties of a ClusterMembership. */
                interface $Properties {

                    /** ClusterMembership version */
                    version?: (number|null);

                    /** ClusterMembership nodes */
                    nodes?: (d_engine.server.cluster.NodeMeta.$Properties[]|null);

                    /** ClusterMembership currentLeaderId */
                    currentLeaderId?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ClusterMembership. */
                type $Shape = d_engine.server.cluster.ClusterMembership.$Properties;
            }

            /**
             * Properties of a JoinRequest.
             * @deprecated Use d_engine.server.cluster.JoinRequest.$Properties instead.
             */
            interface IJoinRequest extends d_engine.server.cluster.JoinRequest.$Properties {
            }

            /** Represents a JoinRequest. */
            class JoinRequest {

                /**
                 * Constructs a new JoinRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.JoinRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** JoinRequest nodeId. */
                nodeId: number;

                /** JoinRequest nodeRole. */
                nodeRole: number;

                /** JoinRequest address. */
                address: string;

                /** JoinRequest status. */
                status: d_engine.common.NodeStatus;

                /**
                 * Creates a new JoinRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns JoinRequest instance
                 */
                static create(properties: d_engine.server.cluster.JoinRequest.$Shape): d_engine.server.cluster.JoinRequest & d_engine.server.cluster.JoinRequest.$Shape;
                static create(properties?: d_engine.server.cluster.JoinRequest.$Properties): d_engine.server.cluster.JoinRequest;

                /**
                 * Encodes the specified JoinRequest message. Does not implicitly {@link d_engine.server.cluster.JoinRequest.verify|verify} messages.
                 * @param message JoinRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified JoinRequest message, length delimited. Does not implicitly {@link d_engine.server.cluster.JoinRequest.verify|verify} messages.
                 * @param message JoinRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a JoinRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.JoinRequest & d_engine.server.cluster.JoinRequest.$Shape} JoinRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.JoinRequest & d_engine.server.cluster.JoinRequest.$Shape;

                /**
                 * Decodes a JoinRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.JoinRequest & d_engine.server.cluster.JoinRequest.$Shape} JoinRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.JoinRequest & d_engine.server.cluster.JoinRequest.$Shape;

                /**
                 * Verifies a JoinRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a JoinRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns JoinRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.JoinRequest;

                /**
                 * Creates a plain object from a JoinRequest message. Also converts values to other types if specified.
                 * @param message JoinRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.JoinRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this JoinRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for JoinRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace JoinRequest {

                /** Properties of a JoinRequest. */
                interface $Properties {

                    /** JoinRequest nodeId */
                    nodeId?: (number|null);

                    /** JoinRequest nodeRole */
                    nodeRole?: (number|null);

                    /** JoinRequest address */
                    address?: (string|null);

                    /** JoinRequest status */
                    status?: (d_engine.common.NodeStatus|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a JoinRequest. */
                type $Shape = d_engine.server.cluster.JoinRequest.$Properties;
            }

            /**
             * Properties of a JoinResponse.
             * @deprecated Use d_engine.server.cluster.JoinResponse.$Properties instead.
             */
            interface IJoinResponse extends d_engine.server.cluster.JoinResponse.$Properties {
            }

            /** Represents a JoinResponse. */
            class JoinResponse {

                /**
                 * Constructs a new JoinResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.JoinResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** JoinResponse success. */
                success: boolean;

                /** JoinResponse error. */
                error: string;

                /** JoinResponse config. */
                config?: (d_engine.server.cluster.ClusterMembership.$Properties|null);

                /** JoinResponse configVersion. */
                configVersion: number;

                /** JoinResponse snapshotMetadata. */
                snapshotMetadata?: (d_engine.server.storage.SnapshotMetadata.$Properties|null);

                /** JoinResponse leaderId. */
                leaderId: number;

                /**
                 * Creates a new JoinResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns JoinResponse instance
                 */
                static create(properties: d_engine.server.cluster.JoinResponse.$Shape): d_engine.server.cluster.JoinResponse & d_engine.server.cluster.JoinResponse.$Shape;
                static create(properties?: d_engine.server.cluster.JoinResponse.$Properties): d_engine.server.cluster.JoinResponse;

                /**
                 * Encodes the specified JoinResponse message. Does not implicitly {@link d_engine.server.cluster.JoinResponse.verify|verify} messages.
                 * @param message JoinResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.JoinResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified JoinResponse message, length delimited. Does not implicitly {@link d_engine.server.cluster.JoinResponse.verify|verify} messages.
                 * @param message JoinResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.JoinResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a JoinResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.JoinResponse & d_engine.server.cluster.JoinResponse.$Shape} JoinResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.JoinResponse & d_engine.server.cluster.JoinResponse.$Shape;

                /**
                 * Decodes a JoinResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.JoinResponse & d_engine.server.cluster.JoinResponse.$Shape} JoinResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.JoinResponse & d_engine.server.cluster.JoinResponse.$Shape;

                /**
                 * Verifies a JoinResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a JoinResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns JoinResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.JoinResponse;

                /**
                 * Creates a plain object from a JoinResponse message. Also converts values to other types if specified.
                 * @param message JoinResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.JoinResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this JoinResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for JoinResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace JoinResponse {

                /** Properties of a JoinResponse. */
                interface $Properties {

                    /** JoinResponse success */
                    success?: (boolean|null);

                    /** JoinResponse error */
                    error?: (string|null);

                    /** JoinResponse config */
                    config?: (d_engine.server.cluster.ClusterMembership.$Properties|null);

                    /** JoinResponse configVersion */
                    configVersion?: (number|null);

                    /** JoinResponse snapshotMetadata */
                    snapshotMetadata?: (d_engine.server.storage.SnapshotMetadata.$Properties|null);

                    /** JoinResponse leaderId */
                    leaderId?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a JoinResponse. */
                type $Shape = d_engine.server.cluster.JoinResponse.$Properties;
            }

            /**
             * Properties of a LeaderDiscoveryRequest.
             * @deprecated Use d_engine.server.cluster.LeaderDiscoveryRequest.$Properties instead.
             */
            interface ILeaderDiscoveryRequest extends d_engine.server.cluster.LeaderDiscoveryRequest.$Properties {
            }

            /** Represents a LeaderDiscoveryRequest. */
            class LeaderDiscoveryRequest {

                /**
                 * Constructs a new LeaderDiscoveryRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.LeaderDiscoveryRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LeaderDiscoveryRequest nodeId. */
                nodeId: number;

                /** LeaderDiscoveryRequest requesterAddress. */
                requesterAddress: string;

                /**
                 * Creates a new LeaderDiscoveryRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LeaderDiscoveryRequest instance
                 */
                static create(properties: d_engine.server.cluster.LeaderDiscoveryRequest.$Shape): d_engine.server.cluster.LeaderDiscoveryRequest & d_engine.server.cluster.LeaderDiscoveryRequest.$Shape;
                static create(properties?: d_engine.server.cluster.LeaderDiscoveryRequest.$Properties): d_engine.server.cluster.LeaderDiscoveryRequest;

                /**
                 * Encodes the specified LeaderDiscoveryRequest message. Does not implicitly {@link d_engine.server.cluster.LeaderDiscoveryRequest.verify|verify} messages.
                 * @param message LeaderDiscoveryRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.LeaderDiscoveryRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LeaderDiscoveryRequest message, length delimited. Does not implicitly {@link d_engine.server.cluster.LeaderDiscoveryRequest.verify|verify} messages.
                 * @param message LeaderDiscoveryRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.LeaderDiscoveryRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LeaderDiscoveryRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.LeaderDiscoveryRequest & d_engine.server.cluster.LeaderDiscoveryRequest.$Shape} LeaderDiscoveryRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.LeaderDiscoveryRequest & d_engine.server.cluster.LeaderDiscoveryRequest.$Shape;

                /**
                 * Decodes a LeaderDiscoveryRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.LeaderDiscoveryRequest & d_engine.server.cluster.LeaderDiscoveryRequest.$Shape} LeaderDiscoveryRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.LeaderDiscoveryRequest & d_engine.server.cluster.LeaderDiscoveryRequest.$Shape;

                /**
                 * Verifies a LeaderDiscoveryRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LeaderDiscoveryRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LeaderDiscoveryRequest
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.LeaderDiscoveryRequest;

                /**
                 * Creates a plain object from a LeaderDiscoveryRequest message. Also converts values to other types if specified.
                 * @param message LeaderDiscoveryRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.LeaderDiscoveryRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LeaderDiscoveryRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for LeaderDiscoveryRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace LeaderDiscoveryRequest {

                /** Properties of a LeaderDiscoveryRequest. */
                interface $Properties {

                    /** LeaderDiscoveryRequest nodeId */
                    nodeId?: (number|null);

                    /** LeaderDiscoveryRequest requesterAddress */
                    requesterAddress?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LeaderDiscoveryRequest. */
                type $Shape = d_engine.server.cluster.LeaderDiscoveryRequest.$Properties;
            }

            /**
             * Properties of a LeaderDiscoveryResponse.
             * @deprecated Use d_engine.server.cluster.LeaderDiscoveryResponse.$Properties instead.
             */
            interface ILeaderDiscoveryResponse extends d_engine.server.cluster.LeaderDiscoveryResponse.$Properties {
            }

            /** Represents a LeaderDiscoveryResponse. */
            class LeaderDiscoveryResponse {

                /**
                 * Constructs a new LeaderDiscoveryResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.server.cluster.LeaderDiscoveryResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LeaderDiscoveryResponse leaderId. */
                leaderId: number;

                /** LeaderDiscoveryResponse leaderAddress. */
                leaderAddress: string;

                /** LeaderDiscoveryResponse term. */
                term: number;

                /**
                 * Creates a new LeaderDiscoveryResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LeaderDiscoveryResponse instance
                 */
                static create(properties: d_engine.server.cluster.LeaderDiscoveryResponse.$Shape): d_engine.server.cluster.LeaderDiscoveryResponse & d_engine.server.cluster.LeaderDiscoveryResponse.$Shape;
                static create(properties?: d_engine.server.cluster.LeaderDiscoveryResponse.$Properties): d_engine.server.cluster.LeaderDiscoveryResponse;

                /**
                 * Encodes the specified LeaderDiscoveryResponse message. Does not implicitly {@link d_engine.server.cluster.LeaderDiscoveryResponse.verify|verify} messages.
                 * @param message LeaderDiscoveryResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.server.cluster.LeaderDiscoveryResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LeaderDiscoveryResponse message, length delimited. Does not implicitly {@link d_engine.server.cluster.LeaderDiscoveryResponse.verify|verify} messages.
                 * @param message LeaderDiscoveryResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.server.cluster.LeaderDiscoveryResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LeaderDiscoveryResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.server.cluster.LeaderDiscoveryResponse & d_engine.server.cluster.LeaderDiscoveryResponse.$Shape} LeaderDiscoveryResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.server.cluster.LeaderDiscoveryResponse & d_engine.server.cluster.LeaderDiscoveryResponse.$Shape;

                /**
                 * Decodes a LeaderDiscoveryResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.server.cluster.LeaderDiscoveryResponse & d_engine.server.cluster.LeaderDiscoveryResponse.$Shape} LeaderDiscoveryResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.server.cluster.LeaderDiscoveryResponse & d_engine.server.cluster.LeaderDiscoveryResponse.$Shape;

                /**
                 * Verifies a LeaderDiscoveryResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LeaderDiscoveryResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LeaderDiscoveryResponse
                 */
                static fromObject(object: { [k: string]: any }): d_engine.server.cluster.LeaderDiscoveryResponse;

                /**
                 * Creates a plain object from a LeaderDiscoveryResponse message. Also converts values to other types if specified.
                 * @param message LeaderDiscoveryResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.server.cluster.LeaderDiscoveryResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LeaderDiscoveryResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for LeaderDiscoveryResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace LeaderDiscoveryResponse {

                /** Properties of a LeaderDiscoveryResponse. */
                interface $Properties {

                    /** LeaderDiscoveryResponse leaderId */
                    leaderId?: (number|null);

                    /** LeaderDiscoveryResponse leaderAddress */
                    leaderAddress?: (string|null);

                    /** LeaderDiscoveryResponse term */
                    term?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LeaderDiscoveryResponse. */
                type $Shape = d_engine.server.cluster.LeaderDiscoveryResponse.$Properties;
            }

            /** Represents a ClusterManagementService */
            class ClusterManagementService extends $protobuf.rpc.Service {

                /**
                 * Constructs a new ClusterManagementService service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new ClusterManagementService service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): ClusterManagementService;

                /** Calls UpdateClusterConf. */
                updateClusterConf: d_engine.server.cluster.ClusterManagementService.UpdateClusterConf;

                /** Calls GetClusterMetadata. */
                getClusterMetadata: d_engine.server.cluster.ClusterManagementService.GetClusterMetadata;

                /** Calls JoinCluster. */
                joinCluster: d_engine.server.cluster.ClusterManagementService.JoinCluster;

                /** Calls DiscoverLeader. */
                discoverLeader: d_engine.server.cluster.ClusterManagementService.DiscoverLeader;
            }

            namespace ClusterManagementService {

                /**
                 * Callback as used by {@link d_engine.server.cluster.ClusterManagementService#updateClusterConf}.
                 * @param error Error, if any
                 * @param [response] ClusterConfUpdateResponse
                 */
                type UpdateClusterConfCallback = (error: (Error|null), response?: d_engine.server.cluster.ClusterConfUpdateResponse) => void;

                /** Calls UpdateClusterConf. */
                type UpdateClusterConf = {
                  (request: d_engine.server.cluster.IClusterConfChangeRequest, callback: d_engine.server.cluster.ClusterManagementService.UpdateClusterConfCallback): void;
                  (request: d_engine.server.cluster.IClusterConfChangeRequest): Promise<d_engine.server.cluster.ClusterConfUpdateResponse>;
                  readonly name: "UpdateClusterConf";
                  readonly path: "/d_engine.server.cluster.ClusterManagementService/UpdateClusterConf";
                  readonly requestType: "ClusterConfChangeRequest";
                  readonly responseType: "ClusterConfUpdateResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link d_engine.server.cluster.ClusterManagementService#getClusterMetadata}.
                 * @param error Error, if any
                 * @param [response] ClusterMembership
                 */
                type GetClusterMetadataCallback = (error: (Error|null), response?: d_engine.server.cluster.ClusterMembership) => void;

                /** Calls GetClusterMetadata. */
                type GetClusterMetadata = {
                  (request: d_engine.server.cluster.IMetadataRequest, callback: d_engine.server.cluster.ClusterManagementService.GetClusterMetadataCallback): void;
                  (request: d_engine.server.cluster.IMetadataRequest): Promise<d_engine.server.cluster.ClusterMembership>;
                  readonly name: "GetClusterMetadata";
                  readonly path: "/d_engine.server.cluster.ClusterManagementService/GetClusterMetadata";
                  readonly requestType: "MetadataRequest";
                  readonly responseType: "ClusterMembership";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link d_engine.server.cluster.ClusterManagementService#joinCluster}.
                 * @param error Error, if any
                 * @param [response] JoinResponse
                 */
                type JoinClusterCallback = (error: (Error|null), response?: d_engine.server.cluster.JoinResponse) => void;

                /** Calls JoinCluster. */
                type JoinCluster = {
                  (request: d_engine.server.cluster.IJoinRequest, callback: d_engine.server.cluster.ClusterManagementService.JoinClusterCallback): void;
                  (request: d_engine.server.cluster.IJoinRequest): Promise<d_engine.server.cluster.JoinResponse>;
                  readonly name: "JoinCluster";
                  readonly path: "/d_engine.server.cluster.ClusterManagementService/JoinCluster";
                  readonly requestType: "JoinRequest";
                  readonly responseType: "JoinResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link d_engine.server.cluster.ClusterManagementService#discoverLeader}.
                 * @param error Error, if any
                 * @param [response] LeaderDiscoveryResponse
                 */
                type DiscoverLeaderCallback = (error: (Error|null), response?: d_engine.server.cluster.LeaderDiscoveryResponse) => void;

                /** Calls DiscoverLeader. */
                type DiscoverLeader = {
                  (request: d_engine.server.cluster.ILeaderDiscoveryRequest, callback: d_engine.server.cluster.ClusterManagementService.DiscoverLeaderCallback): void;
                  (request: d_engine.server.cluster.ILeaderDiscoveryRequest): Promise<d_engine.server.cluster.LeaderDiscoveryResponse>;
                  readonly name: "DiscoverLeader";
                  readonly path: "/d_engine.server.cluster.ClusterManagementService/DiscoverLeader";
                  readonly requestType: "LeaderDiscoveryRequest";
                  readonly responseType: "LeaderDiscoveryResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };
            }
        }
    }

    /** Namespace client. */
    namespace client {

        /**
         * Properties of a WriteCommand.
         * @deprecated Use d_engine.client.WriteCommand.$Properties instead.
         */
        interface IWriteCommand extends d_engine.client.WriteCommand.$Properties {
        }

        /** Represents a WriteCommand. */
        class WriteCommand {

            /**
             * Constructs a new WriteCommand.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.WriteCommand.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WriteCommand insert. */
            insert?: (d_engine.client.WriteCommand.Insert.$Properties|null);

            /** WriteCommand delete. */
            delete?: (d_engine.client.WriteCommand.Delete.$Properties|null);

            /** WriteCommand compareAndSwap. */
            compareAndSwap?: (d_engine.client.WriteCommand.CompareAndSwap.$Properties|null);

            /** WriteCommand operation. */
            operation?: ("insert"|"delete"|"compareAndSwap");

            /**
             * Creates a new WriteCommand instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WriteCommand instance
             */
            static create(properties: d_engine.client.WriteCommand.$Shape): d_engine.client.WriteCommand & d_engine.client.WriteCommand.$Shape;
            static create(properties?: d_engine.client.WriteCommand.$Properties): d_engine.client.WriteCommand;

            /**
             * Encodes the specified WriteCommand message. Does not implicitly {@link d_engine.client.WriteCommand.verify|verify} messages.
             * @param message WriteCommand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.WriteCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WriteCommand message, length delimited. Does not implicitly {@link d_engine.client.WriteCommand.verify|verify} messages.
             * @param message WriteCommand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.WriteCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WriteCommand message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.WriteCommand & d_engine.client.WriteCommand.$Shape} WriteCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WriteCommand & d_engine.client.WriteCommand.$Shape;

            /**
             * Decodes a WriteCommand message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.WriteCommand & d_engine.client.WriteCommand.$Shape} WriteCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WriteCommand & d_engine.client.WriteCommand.$Shape;

            /**
             * Verifies a WriteCommand message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WriteCommand message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WriteCommand
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.WriteCommand;

            /**
             * Creates a plain object from a WriteCommand message. Also converts values to other types if specified.
             * @param message WriteCommand
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.WriteCommand, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WriteCommand to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WriteCommand
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WriteCommand {

            /** Properties of a WriteCommand. */
            interface $Properties {

                /** WriteCommand insert */
                insert?: (d_engine.client.WriteCommand.Insert.$Properties|null);

                /** WriteCommand delete */
                "delete"?: (d_engine.client.WriteCommand.Delete.$Properties|null);

                /** WriteCommand compareAndSwap */
                compareAndSwap?: (d_engine.client.WriteCommand.CompareAndSwap.$Properties|null);

                /** WriteCommand operation */
                operation?: ("insert"|"delete"|"compareAndSwap");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a WriteCommand. */
            type $Shape = {
              insert?: d_engine.client.WriteCommand.Insert.$Shape|null;
              "delete"?: d_engine.client.WriteCommand.Delete.$Shape|null;
              compareAndSwap?: d_engine.client.WriteCommand.CompareAndSwap.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ operation?: undefined; insert?: null; "delete"?: null; compareAndSwap?: null }|{ operation?: "insert"; insert: d_engine.client.WriteCommand.Insert.$Shape; "delete"?: null; compareAndSwap?: null }|{ operation?: "delete"; insert?: null; "delete": d_engine.client.WriteCommand.Delete.$Shape; compareAndSwap?: null }|{ operation?: "compareAndSwap"; insert?: null; "delete"?: null; compareAndSwap: d_engine.client.WriteCommand.CompareAndSwap.$Shape })
            );

            /**
             * Properties of an Insert.
             * @deprecated Use d_engine.client.WriteCommand.Insert.$Properties instead.
             */
            interface IInsert extends d_engine.client.WriteCommand.Insert.$Properties {
            }

            /** Represents an Insert. */
            class Insert {

                /**
                 * Constructs a new Insert.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.client.WriteCommand.Insert.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Insert key. */
                key: Uint8Array;

                /** Insert value. */
                value: Uint8Array;

                /** Insert ttlSecs. */
                ttlSecs: number;

                /**
                 * Creates a new Insert instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Insert instance
                 */
                static create(properties: d_engine.client.WriteCommand.Insert.$Shape): d_engine.client.WriteCommand.Insert & d_engine.client.WriteCommand.Insert.$Shape;
                static create(properties?: d_engine.client.WriteCommand.Insert.$Properties): d_engine.client.WriteCommand.Insert;

                /**
                 * Encodes the specified Insert message. Does not implicitly {@link d_engine.client.WriteCommand.Insert.verify|verify} messages.
                 * @param message Insert message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.client.WriteCommand.Insert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Insert message, length delimited. Does not implicitly {@link d_engine.client.WriteCommand.Insert.verify|verify} messages.
                 * @param message Insert message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.client.WriteCommand.Insert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Insert message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.client.WriteCommand.Insert & d_engine.client.WriteCommand.Insert.$Shape} Insert
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WriteCommand.Insert & d_engine.client.WriteCommand.Insert.$Shape;

                /**
                 * Decodes an Insert message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.client.WriteCommand.Insert & d_engine.client.WriteCommand.Insert.$Shape} Insert
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WriteCommand.Insert & d_engine.client.WriteCommand.Insert.$Shape;

                /**
                 * Verifies an Insert message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Insert message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Insert
                 */
                static fromObject(object: { [k: string]: any }): d_engine.client.WriteCommand.Insert;

                /**
                 * Creates a plain object from an Insert message. Also converts values to other types if specified.
                 * @param message Insert
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.client.WriteCommand.Insert, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Insert to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Insert
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Insert {

                /** Properties of an Insert. */
                interface $Properties {

                    /** Insert key */
                    key?: (Uint8Array|null);

                    /** Insert value */
                    value?: (Uint8Array|null);

                    /** Insert ttlSecs */
                    ttlSecs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Insert. */
                type $Shape = d_engine.client.WriteCommand.Insert.$Properties;
            }

            /**
             * Properties of a Delete.
             * @deprecated Use d_engine.client.WriteCommand.Delete.$Properties instead.
             */
            interface IDelete extends d_engine.client.WriteCommand.Delete.$Properties {
            }

            /** Represents a Delete. */
            class Delete {

                /**
                 * Constructs a new Delete.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.client.WriteCommand.Delete.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Delete key. */
                key: Uint8Array;

                /**
                 * Creates a new Delete instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Delete instance
                 */
                static create(properties: d_engine.client.WriteCommand.Delete.$Shape): d_engine.client.WriteCommand.Delete & d_engine.client.WriteCommand.Delete.$Shape;
                static create(properties?: d_engine.client.WriteCommand.Delete.$Properties): d_engine.client.WriteCommand.Delete;

                /**
                 * Encodes the specified Delete message. Does not implicitly {@link d_engine.client.WriteCommand.Delete.verify|verify} messages.
                 * @param message Delete message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.client.WriteCommand.Delete.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Delete message, length delimited. Does not implicitly {@link d_engine.client.WriteCommand.Delete.verify|verify} messages.
                 * @param message Delete message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.client.WriteCommand.Delete.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Delete message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.client.WriteCommand.Delete & d_engine.client.WriteCommand.Delete.$Shape} Delete
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WriteCommand.Delete & d_engine.client.WriteCommand.Delete.$Shape;

                /**
                 * Decodes a Delete message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.client.WriteCommand.Delete & d_engine.client.WriteCommand.Delete.$Shape} Delete
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WriteCommand.Delete & d_engine.client.WriteCommand.Delete.$Shape;

                /**
                 * Verifies a Delete message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Delete message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Delete
                 */
                static fromObject(object: { [k: string]: any }): d_engine.client.WriteCommand.Delete;

                /**
                 * Creates a plain object from a Delete message. Also converts values to other types if specified.
                 * @param message Delete
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.client.WriteCommand.Delete, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Delete to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Delete
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Delete {

                /** Properties of a Delete. */
                interface $Properties {

                    /** Delete key */
                    key?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Delete. */
                type $Shape = d_engine.client.WriteCommand.Delete.$Properties;
            }

            /**
             * Properties of a CompareAndSwap.
             * @deprecated Use d_engine.client.WriteCommand.CompareAndSwap.$Properties instead.
             */
            interface ICompareAndSwap extends d_engine.client.WriteCommand.CompareAndSwap.$Properties {
            }

            /** Represents a CompareAndSwap. */
            class CompareAndSwap {

                /**
                 * Constructs a new CompareAndSwap.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: d_engine.client.WriteCommand.CompareAndSwap.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CompareAndSwap key. */
                key: Uint8Array;

                /** CompareAndSwap expectedValue. */
                expectedValue?: (Uint8Array|null);

                /** CompareAndSwap newValue. */
                newValue: Uint8Array;

                /**
                 * Creates a new CompareAndSwap instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CompareAndSwap instance
                 */
                static create(properties: d_engine.client.WriteCommand.CompareAndSwap.$Shape): d_engine.client.WriteCommand.CompareAndSwap & d_engine.client.WriteCommand.CompareAndSwap.$Shape;
                static create(properties?: d_engine.client.WriteCommand.CompareAndSwap.$Properties): d_engine.client.WriteCommand.CompareAndSwap;

                /**
                 * Encodes the specified CompareAndSwap message. Does not implicitly {@link d_engine.client.WriteCommand.CompareAndSwap.verify|verify} messages.
                 * @param message CompareAndSwap message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: d_engine.client.WriteCommand.CompareAndSwap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified CompareAndSwap message, length delimited. Does not implicitly {@link d_engine.client.WriteCommand.CompareAndSwap.verify|verify} messages.
                 * @param message CompareAndSwap message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: d_engine.client.WriteCommand.CompareAndSwap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CompareAndSwap message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {d_engine.client.WriteCommand.CompareAndSwap & d_engine.client.WriteCommand.CompareAndSwap.$Shape} CompareAndSwap
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WriteCommand.CompareAndSwap & d_engine.client.WriteCommand.CompareAndSwap.$Shape;

                /**
                 * Decodes a CompareAndSwap message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {d_engine.client.WriteCommand.CompareAndSwap & d_engine.client.WriteCommand.CompareAndSwap.$Shape} CompareAndSwap
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WriteCommand.CompareAndSwap & d_engine.client.WriteCommand.CompareAndSwap.$Shape;

                /**
                 * Verifies a CompareAndSwap message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a CompareAndSwap message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CompareAndSwap
                 */
                static fromObject(object: { [k: string]: any }): d_engine.client.WriteCommand.CompareAndSwap;

                /**
                 * Creates a plain object from a CompareAndSwap message. Also converts values to other types if specified.
                 * @param message CompareAndSwap
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: d_engine.client.WriteCommand.CompareAndSwap, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CompareAndSwap to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CompareAndSwap
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CompareAndSwap {

                /** Properties of a CompareAndSwap. */
                interface $Properties {

                    /** CompareAndSwap key */
                    key?: (Uint8Array|null);

                    /** CompareAndSwap expectedValue */
                    expectedValue?: (Uint8Array|null);

                    /** CompareAndSwap newValue */
                    newValue?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CompareAndSwap. */
                type $Shape = d_engine.client.WriteCommand.CompareAndSwap.$Properties;
            }
        }

        /**
         * Properties of a ClientWriteRequest.
         * @deprecated Use d_engine.client.ClientWriteRequest.$Properties instead.
         */
        interface IClientWriteRequest extends d_engine.client.ClientWriteRequest.$Properties {
        }

        /** Represents a ClientWriteRequest. */
        class ClientWriteRequest {

            /**
             * Constructs a new ClientWriteRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ClientWriteRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientWriteRequest clientId. */
            clientId: number;

            /** ClientWriteRequest command. */
            command?: (d_engine.client.WriteCommand.$Properties|null);

            /**
             * Creates a new ClientWriteRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientWriteRequest instance
             */
            static create(properties: d_engine.client.ClientWriteRequest.$Shape): d_engine.client.ClientWriteRequest & d_engine.client.ClientWriteRequest.$Shape;
            static create(properties?: d_engine.client.ClientWriteRequest.$Properties): d_engine.client.ClientWriteRequest;

            /**
             * Encodes the specified ClientWriteRequest message. Does not implicitly {@link d_engine.client.ClientWriteRequest.verify|verify} messages.
             * @param message ClientWriteRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ClientWriteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ClientWriteRequest message, length delimited. Does not implicitly {@link d_engine.client.ClientWriteRequest.verify|verify} messages.
             * @param message ClientWriteRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ClientWriteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientWriteRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ClientWriteRequest & d_engine.client.ClientWriteRequest.$Shape} ClientWriteRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ClientWriteRequest & d_engine.client.ClientWriteRequest.$Shape;

            /**
             * Decodes a ClientWriteRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ClientWriteRequest & d_engine.client.ClientWriteRequest.$Shape} ClientWriteRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ClientWriteRequest & d_engine.client.ClientWriteRequest.$Shape;

            /**
             * Verifies a ClientWriteRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ClientWriteRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClientWriteRequest
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ClientWriteRequest;

            /**
             * Creates a plain object from a ClientWriteRequest message. Also converts values to other types if specified.
             * @param message ClientWriteRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ClientWriteRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClientWriteRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ClientWriteRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientWriteRequest {

            /** Properties of a ClientWriteRequest. */
            interface $Properties {

                /** ClientWriteRequest clientId */
                clientId?: (number|null);

                /** ClientWriteRequest command */
                command?: (d_engine.client.WriteCommand.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientWriteRequest. */
            type $Shape = {
              clientId?: number|null;
              command?: d_engine.client.WriteCommand.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        /** ReadConsistencyPolicy enum. */
        enum ReadConsistencyPolicy {

            /** READ_CONSISTENCY_POLICY_LEASE_READ value */
            READ_CONSISTENCY_POLICY_LEASE_READ = 0,

            /** READ_CONSISTENCY_POLICY_LINEARIZABLE_READ value */
            READ_CONSISTENCY_POLICY_LINEARIZABLE_READ = 1,

            /** READ_CONSISTENCY_POLICY_EVENTUAL_CONSISTENCY value */
            READ_CONSISTENCY_POLICY_EVENTUAL_CONSISTENCY = 2
        }

        /**
         * Properties of a ClientReadRequest.
         * @deprecated Use d_engine.client.ClientReadRequest.$Properties instead.
         */
        interface IClientReadRequest extends d_engine.client.ClientReadRequest.$Properties {
        }

        /** Represents a ClientReadRequest. */
        class ClientReadRequest {

            /**
             * Constructs a new ClientReadRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ClientReadRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientReadRequest clientId. */
            clientId: number;

            /** ClientReadRequest keys. */
            keys: Uint8Array[];

            /** ClientReadRequest consistencyPolicy. */
            consistencyPolicy?: (d_engine.client.ReadConsistencyPolicy|null);

            /**
             * Creates a new ClientReadRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientReadRequest instance
             */
            static create(properties: d_engine.client.ClientReadRequest.$Shape): d_engine.client.ClientReadRequest & d_engine.client.ClientReadRequest.$Shape;
            static create(properties?: d_engine.client.ClientReadRequest.$Properties): d_engine.client.ClientReadRequest;

            /**
             * Encodes the specified ClientReadRequest message. Does not implicitly {@link d_engine.client.ClientReadRequest.verify|verify} messages.
             * @param message ClientReadRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ClientReadRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ClientReadRequest message, length delimited. Does not implicitly {@link d_engine.client.ClientReadRequest.verify|verify} messages.
             * @param message ClientReadRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ClientReadRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientReadRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ClientReadRequest & d_engine.client.ClientReadRequest.$Shape} ClientReadRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ClientReadRequest & d_engine.client.ClientReadRequest.$Shape;

            /**
             * Decodes a ClientReadRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ClientReadRequest & d_engine.client.ClientReadRequest.$Shape} ClientReadRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ClientReadRequest & d_engine.client.ClientReadRequest.$Shape;

            /**
             * Verifies a ClientReadRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ClientReadRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClientReadRequest
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ClientReadRequest;

            /**
             * Creates a plain object from a ClientReadRequest message. Also converts values to other types if specified.
             * @param message ClientReadRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ClientReadRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClientReadRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ClientReadRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientReadRequest {

            /** Properties of a ClientReadRequest. */
            interface $Properties {

                /** ClientReadRequest clientId */
                clientId?: (number|null);

                /** ClientReadRequest keys */
                keys?: (Uint8Array[]|null);

                /** ClientReadRequest consistencyPolicy */
                consistencyPolicy?: (d_engine.client.ReadConsistencyPolicy|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientReadRequest. */
            type $Shape = d_engine.client.ClientReadRequest.$Properties;
        }

        /**
         * Properties of a WriteResult.
         * @deprecated Use d_engine.client.WriteResult.$Properties instead.
         */
        interface IWriteResult extends d_engine.client.WriteResult.$Properties {
        }

        /** Represents a WriteResult. */
        class WriteResult {

            /**
             * Constructs a new WriteResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.WriteResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WriteResult succeeded. */
            succeeded: boolean;

            /**
             * Creates a new WriteResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WriteResult instance
             */
            static create(properties: d_engine.client.WriteResult.$Shape): d_engine.client.WriteResult & d_engine.client.WriteResult.$Shape;
            static create(properties?: d_engine.client.WriteResult.$Properties): d_engine.client.WriteResult;

            /**
             * Encodes the specified WriteResult message. Does not implicitly {@link d_engine.client.WriteResult.verify|verify} messages.
             * @param message WriteResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.WriteResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WriteResult message, length delimited. Does not implicitly {@link d_engine.client.WriteResult.verify|verify} messages.
             * @param message WriteResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.WriteResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WriteResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.WriteResult & d_engine.client.WriteResult.$Shape} WriteResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WriteResult & d_engine.client.WriteResult.$Shape;

            /**
             * Decodes a WriteResult message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.WriteResult & d_engine.client.WriteResult.$Shape} WriteResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WriteResult & d_engine.client.WriteResult.$Shape;

            /**
             * Verifies a WriteResult message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WriteResult message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WriteResult
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.WriteResult;

            /**
             * Creates a plain object from a WriteResult message. Also converts values to other types if specified.
             * @param message WriteResult
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.WriteResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WriteResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WriteResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WriteResult {

            /** Properties of a WriteResult. */
            interface $Properties {

                /** WriteResult succeeded */
                succeeded?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WriteResult. */
            type $Shape = d_engine.client.WriteResult.$Properties;
        }

        /**
         * Properties of a ClientResult.
         * @deprecated Use d_engine.client.ClientResult.$Properties instead.
         */
        interface IClientResult extends d_engine.client.ClientResult.$Properties {
        }

        /** Represents a ClientResult. */
        class ClientResult {

            /**
             * Constructs a new ClientResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ClientResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientResult key. */
            key: Uint8Array;

            /** ClientResult value. */
            value: Uint8Array;

            /**
             * Creates a new ClientResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientResult instance
             */
            static create(properties: d_engine.client.ClientResult.$Shape): d_engine.client.ClientResult & d_engine.client.ClientResult.$Shape;
            static create(properties?: d_engine.client.ClientResult.$Properties): d_engine.client.ClientResult;

            /**
             * Encodes the specified ClientResult message. Does not implicitly {@link d_engine.client.ClientResult.verify|verify} messages.
             * @param message ClientResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ClientResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ClientResult message, length delimited. Does not implicitly {@link d_engine.client.ClientResult.verify|verify} messages.
             * @param message ClientResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ClientResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ClientResult & d_engine.client.ClientResult.$Shape} ClientResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ClientResult & d_engine.client.ClientResult.$Shape;

            /**
             * Decodes a ClientResult message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ClientResult & d_engine.client.ClientResult.$Shape} ClientResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ClientResult & d_engine.client.ClientResult.$Shape;

            /**
             * Verifies a ClientResult message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ClientResult message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClientResult
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ClientResult;

            /**
             * Creates a plain object from a ClientResult message. Also converts values to other types if specified.
             * @param message ClientResult
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ClientResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClientResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ClientResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientResult {

            /** Properties of a ClientResult. */
            interface $Properties {

                /** ClientResult key */
                key?: (Uint8Array|null);

                /** ClientResult value */
                value?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientResult. */
            type $Shape = d_engine.client.ClientResult.$Properties;
        }

        /**
         * Properties of a ReadResults.
         * @deprecated Use d_engine.client.ReadResults.$Properties instead.
         */
        interface IReadResults extends d_engine.client.ReadResults.$Properties {
        }

        /** Represents a ReadResults. */
        class ReadResults {

            /**
             * Constructs a new ReadResults.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ReadResults.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReadResults results. */
            results: d_engine.client.ClientResult.$Properties[];

            /**
             * Creates a new ReadResults instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReadResults instance
             */
            static create(properties: d_engine.client.ReadResults.$Shape): d_engine.client.ReadResults & d_engine.client.ReadResults.$Shape;
            static create(properties?: d_engine.client.ReadResults.$Properties): d_engine.client.ReadResults;

            /**
             * Encodes the specified ReadResults message. Does not implicitly {@link d_engine.client.ReadResults.verify|verify} messages.
             * @param message ReadResults message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ReadResults.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ReadResults message, length delimited. Does not implicitly {@link d_engine.client.ReadResults.verify|verify} messages.
             * @param message ReadResults message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ReadResults.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReadResults message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ReadResults & d_engine.client.ReadResults.$Shape} ReadResults
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ReadResults & d_engine.client.ReadResults.$Shape;

            /**
             * Decodes a ReadResults message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ReadResults & d_engine.client.ReadResults.$Shape} ReadResults
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ReadResults & d_engine.client.ReadResults.$Shape;

            /**
             * Verifies a ReadResults message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ReadResults message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ReadResults
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ReadResults;

            /**
             * Creates a plain object from a ReadResults message. Also converts values to other types if specified.
             * @param message ReadResults
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ReadResults, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReadResults to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ReadResults
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReadResults {

            /** Properties of a ReadResults. */
            interface $Properties {

                /** ReadResults results */
                results?: (d_engine.client.ClientResult.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReadResults. */
            type $Shape = d_engine.client.ReadResults.$Properties;
        }

        /**
         * Properties of a ClientResponse.
         * @deprecated Use d_engine.client.ClientResponse.$Properties instead.
         */
        interface IClientResponse extends d_engine.client.ClientResponse.$Properties {
        }

        /** Represents a ClientResponse. */
        class ClientResponse {

            /**
             * Constructs a new ClientResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ClientResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientResponse error. */
            error: d_engine.error.ErrorCode;

            /** ClientResponse writeResult. */
            writeResult?: (d_engine.client.WriteResult.$Properties|null);

            /** ClientResponse readData. */
            readData?: (d_engine.client.ReadResults.$Properties|null);

            /** ClientResponse metadata. */
            metadata?: (d_engine.error.ErrorMetadata.$Properties|null);

            /** ClientResponse successResult. */
            successResult?: ("writeResult"|"readData");

            /**
             * Creates a new ClientResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientResponse instance
             */
            static create(properties: d_engine.client.ClientResponse.$Shape): d_engine.client.ClientResponse & d_engine.client.ClientResponse.$Shape;
            static create(properties?: d_engine.client.ClientResponse.$Properties): d_engine.client.ClientResponse;

            /**
             * Encodes the specified ClientResponse message. Does not implicitly {@link d_engine.client.ClientResponse.verify|verify} messages.
             * @param message ClientResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ClientResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ClientResponse message, length delimited. Does not implicitly {@link d_engine.client.ClientResponse.verify|verify} messages.
             * @param message ClientResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ClientResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ClientResponse & d_engine.client.ClientResponse.$Shape} ClientResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ClientResponse & d_engine.client.ClientResponse.$Shape;

            /**
             * Decodes a ClientResponse message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ClientResponse & d_engine.client.ClientResponse.$Shape} ClientResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ClientResponse & d_engine.client.ClientResponse.$Shape;

            /**
             * Verifies a ClientResponse message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ClientResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClientResponse
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ClientResponse;

            /**
             * Creates a plain object from a ClientResponse message. Also converts values to other types if specified.
             * @param message ClientResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ClientResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClientResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ClientResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientResponse {

            /** Properties of a ClientResponse. */
            interface $Properties {

                /** ClientResponse error */
                error?: (d_engine.error.ErrorCode|null);

                /** ClientResponse writeResult */
                writeResult?: (d_engine.client.WriteResult.$Properties|null);

                /** ClientResponse readData */
                readData?: (d_engine.client.ReadResults.$Properties|null);

                /** ClientResponse metadata */
                metadata?: (d_engine.error.ErrorMetadata.$Properties|null);

                /** ClientResponse successResult */
                successResult?: ("writeResult"|"readData");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ClientResponse. */
            type $Shape = {
              error?: d_engine.error.ErrorCode|null;
              writeResult?: d_engine.client.WriteResult.$Shape|null;
              readData?: d_engine.client.ReadResults.$Shape|null;
              metadata?: d_engine.error.ErrorMetadata.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ successResult?: undefined; writeResult?: null; readData?: null }|{ successResult?: "writeResult"; writeResult: d_engine.client.WriteResult.$Shape; readData?: null }|{ successResult?: "readData"; writeResult?: null; readData: d_engine.client.ReadResults.$Shape })
            );
        }

        /**
         * Properties of a KvEntry.
         * @deprecated Use d_engine.client.KvEntry.$Properties instead.
         */
        interface IKvEntry extends d_engine.client.KvEntry.$Properties {
        }

        /** Represents a KvEntry. */
        class KvEntry {

            /**
             * Constructs a new KvEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.KvEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KvEntry key. */
            key: Uint8Array;

            /** KvEntry value. */
            value: Uint8Array;

            /**
             * Creates a new KvEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KvEntry instance
             */
            static create(properties: d_engine.client.KvEntry.$Shape): d_engine.client.KvEntry & d_engine.client.KvEntry.$Shape;
            static create(properties?: d_engine.client.KvEntry.$Properties): d_engine.client.KvEntry;

            /**
             * Encodes the specified KvEntry message. Does not implicitly {@link d_engine.client.KvEntry.verify|verify} messages.
             * @param message KvEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.KvEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified KvEntry message, length delimited. Does not implicitly {@link d_engine.client.KvEntry.verify|verify} messages.
             * @param message KvEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.KvEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KvEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.KvEntry & d_engine.client.KvEntry.$Shape} KvEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.KvEntry & d_engine.client.KvEntry.$Shape;

            /**
             * Decodes a KvEntry message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.KvEntry & d_engine.client.KvEntry.$Shape} KvEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.KvEntry & d_engine.client.KvEntry.$Shape;

            /**
             * Verifies a KvEntry message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a KvEntry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns KvEntry
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.KvEntry;

            /**
             * Creates a plain object from a KvEntry message. Also converts values to other types if specified.
             * @param message KvEntry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.KvEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KvEntry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for KvEntry
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace KvEntry {

            /** Properties of a KvEntry. */
            interface $Properties {

                /** KvEntry key */
                key?: (Uint8Array|null);

                /** KvEntry value */
                value?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KvEntry. */
            type $Shape = d_engine.client.KvEntry.$Properties;
        }

        /**
         * Properties of a ScanRequest.
         * @deprecated Use d_engine.client.ScanRequest.$Properties instead.
         */
        interface IScanRequest extends d_engine.client.ScanRequest.$Properties {
        }

        /** Represents a ScanRequest. */
        class ScanRequest {

            /**
             * Constructs a new ScanRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ScanRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ScanRequest clientId. */
            clientId: number;

            /** ScanRequest prefix. */
            prefix: Uint8Array;

            /**
             * Creates a new ScanRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ScanRequest instance
             */
            static create(properties: d_engine.client.ScanRequest.$Shape): d_engine.client.ScanRequest & d_engine.client.ScanRequest.$Shape;
            static create(properties?: d_engine.client.ScanRequest.$Properties): d_engine.client.ScanRequest;

            /**
             * Encodes the specified ScanRequest message. Does not implicitly {@link d_engine.client.ScanRequest.verify|verify} messages.
             * @param message ScanRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ScanRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ScanRequest message, length delimited. Does not implicitly {@link d_engine.client.ScanRequest.verify|verify} messages.
             * @param message ScanRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ScanRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ScanRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ScanRequest & d_engine.client.ScanRequest.$Shape} ScanRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ScanRequest & d_engine.client.ScanRequest.$Shape;

            /**
             * Decodes a ScanRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ScanRequest & d_engine.client.ScanRequest.$Shape} ScanRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ScanRequest & d_engine.client.ScanRequest.$Shape;

            /**
             * Verifies a ScanRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ScanRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ScanRequest
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ScanRequest;

            /**
             * Creates a plain object from a ScanRequest message. Also converts values to other types if specified.
             * @param message ScanRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ScanRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ScanRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ScanRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ScanRequest {

            /** Properties of a ScanRequest. */
            interface $Properties {

                /** ScanRequest clientId */
                clientId?: (number|null);

                /** ScanRequest prefix */
                prefix?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ScanRequest. */
            type $Shape = d_engine.client.ScanRequest.$Properties;
        }

        /**
         * Properties of a ScanResponse.
         * @deprecated Use d_engine.client.ScanResponse.$Properties instead.
         */
        interface IScanResponse extends d_engine.client.ScanResponse.$Properties {
        }

        /** Represents a ScanResponse. */
        class ScanResponse {

            /**
             * Constructs a new ScanResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.ScanResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ScanResponse entries. */
            entries: d_engine.client.KvEntry.$Properties[];

            /** ScanResponse revision. */
            revision: number;

            /**
             * Creates a new ScanResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ScanResponse instance
             */
            static create(properties: d_engine.client.ScanResponse.$Shape): d_engine.client.ScanResponse & d_engine.client.ScanResponse.$Shape;
            static create(properties?: d_engine.client.ScanResponse.$Properties): d_engine.client.ScanResponse;

            /**
             * Encodes the specified ScanResponse message. Does not implicitly {@link d_engine.client.ScanResponse.verify|verify} messages.
             * @param message ScanResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.ScanResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ScanResponse message, length delimited. Does not implicitly {@link d_engine.client.ScanResponse.verify|verify} messages.
             * @param message ScanResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.ScanResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ScanResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.ScanResponse & d_engine.client.ScanResponse.$Shape} ScanResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.ScanResponse & d_engine.client.ScanResponse.$Shape;

            /**
             * Decodes a ScanResponse message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.ScanResponse & d_engine.client.ScanResponse.$Shape} ScanResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.ScanResponse & d_engine.client.ScanResponse.$Shape;

            /**
             * Verifies a ScanResponse message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ScanResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ScanResponse
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.ScanResponse;

            /**
             * Creates a plain object from a ScanResponse message. Also converts values to other types if specified.
             * @param message ScanResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.ScanResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ScanResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ScanResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ScanResponse {

            /** Properties of a ScanResponse. */
            interface $Properties {

                /** ScanResponse entries */
                entries?: (d_engine.client.KvEntry.$Properties[]|null);

                /** ScanResponse revision */
                revision?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ScanResponse. */
            type $Shape = d_engine.client.ScanResponse.$Properties;
        }

        /**
         * Properties of a WatchMembershipRequest.
         * @deprecated Use d_engine.client.WatchMembershipRequest.$Properties instead.
         */
        interface IWatchMembershipRequest extends d_engine.client.WatchMembershipRequest.$Properties {
        }

        /** Represents a WatchMembershipRequest. */
        class WatchMembershipRequest {

            /**
             * Constructs a new WatchMembershipRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.WatchMembershipRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WatchMembershipRequest clientId. */
            clientId: number;

            /**
             * Creates a new WatchMembershipRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchMembershipRequest instance
             */
            static create(properties: d_engine.client.WatchMembershipRequest.$Shape): d_engine.client.WatchMembershipRequest & d_engine.client.WatchMembershipRequest.$Shape;
            static create(properties?: d_engine.client.WatchMembershipRequest.$Properties): d_engine.client.WatchMembershipRequest;

            /**
             * Encodes the specified WatchMembershipRequest message. Does not implicitly {@link d_engine.client.WatchMembershipRequest.verify|verify} messages.
             * @param message WatchMembershipRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.WatchMembershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WatchMembershipRequest message, length delimited. Does not implicitly {@link d_engine.client.WatchMembershipRequest.verify|verify} messages.
             * @param message WatchMembershipRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.WatchMembershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchMembershipRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.WatchMembershipRequest & d_engine.client.WatchMembershipRequest.$Shape} WatchMembershipRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WatchMembershipRequest & d_engine.client.WatchMembershipRequest.$Shape;

            /**
             * Decodes a WatchMembershipRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.WatchMembershipRequest & d_engine.client.WatchMembershipRequest.$Shape} WatchMembershipRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WatchMembershipRequest & d_engine.client.WatchMembershipRequest.$Shape;

            /**
             * Verifies a WatchMembershipRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WatchMembershipRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchMembershipRequest
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.WatchMembershipRequest;

            /**
             * Creates a plain object from a WatchMembershipRequest message. Also converts values to other types if specified.
             * @param message WatchMembershipRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.WatchMembershipRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchMembershipRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WatchMembershipRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WatchMembershipRequest {

            /** Properties of a WatchMembershipRequest. */
            interface $Properties {

                /** WatchMembershipRequest clientId */
                clientId?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchMembershipRequest. */
            type $Shape = d_engine.client.WatchMembershipRequest.$Properties;
        }

        /**
         * Properties of a MembershipSnapshot.
         * @deprecated Use d_engine.client.MembershipSnapshot.$Properties instead.
         */
        interface IMembershipSnapshot extends d_engine.client.MembershipSnapshot.$Properties {
        }

        /** Represents a MembershipSnapshot. */
        class MembershipSnapshot {

            /**
             * Constructs a new MembershipSnapshot.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.MembershipSnapshot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MembershipSnapshot members. */
            members: number[];

            /** MembershipSnapshot learners. */
            learners: number[];

            /** MembershipSnapshot committedIndex. */
            committedIndex: number;

            /**
             * Creates a new MembershipSnapshot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MembershipSnapshot instance
             */
            static create(properties: d_engine.client.MembershipSnapshot.$Shape): d_engine.client.MembershipSnapshot & d_engine.client.MembershipSnapshot.$Shape;
            static create(properties?: d_engine.client.MembershipSnapshot.$Properties): d_engine.client.MembershipSnapshot;

            /**
             * Encodes the specified MembershipSnapshot message. Does not implicitly {@link d_engine.client.MembershipSnapshot.verify|verify} messages.
             * @param message MembershipSnapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.MembershipSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified MembershipSnapshot message, length delimited. Does not implicitly {@link d_engine.client.MembershipSnapshot.verify|verify} messages.
             * @param message MembershipSnapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.MembershipSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MembershipSnapshot message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.MembershipSnapshot & d_engine.client.MembershipSnapshot.$Shape} MembershipSnapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.MembershipSnapshot & d_engine.client.MembershipSnapshot.$Shape;

            /**
             * Decodes a MembershipSnapshot message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.MembershipSnapshot & d_engine.client.MembershipSnapshot.$Shape} MembershipSnapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.MembershipSnapshot & d_engine.client.MembershipSnapshot.$Shape;

            /**
             * Verifies a MembershipSnapshot message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a MembershipSnapshot message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MembershipSnapshot
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.MembershipSnapshot;

            /**
             * Creates a plain object from a MembershipSnapshot message. Also converts values to other types if specified.
             * @param message MembershipSnapshot
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.MembershipSnapshot, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MembershipSnapshot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for MembershipSnapshot
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MembershipSnapshot {

            /** Properties of a MembershipSnapshot. */
            interface $Properties {

                /** MembershipSnapshot members */
                members?: (number[]|null);

                /** MembershipSnapshot learners */
                learners?: (number[]|null);

                /** MembershipSnapshot committedIndex */
                committedIndex?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MembershipSnapshot. */
            type $Shape = d_engine.client.MembershipSnapshot.$Properties;
        }

        /** WatchEventType enum. */
        enum WatchEventType {

            /** WATCH_EVENT_TYPE_PUT value */
            WATCH_EVENT_TYPE_PUT = 0,

            /** WATCH_EVENT_TYPE_DELETE value */
            WATCH_EVENT_TYPE_DELETE = 1,

            /** WATCH_EVENT_TYPE_CANCELED value */
            WATCH_EVENT_TYPE_CANCELED = 2,

            /** WATCH_EVENT_TYPE_PROGRESS value */
            WATCH_EVENT_TYPE_PROGRESS = 3
        }

        /**
         * Properties of a WatchRequest.
         * @deprecated Use d_engine.client.WatchRequest.$Properties instead.
         */
        interface IWatchRequest extends d_engine.client.WatchRequest.$Properties {
        }

        /** Represents a WatchRequest. */
        class WatchRequest {

            /**
             * Constructs a new WatchRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.WatchRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WatchRequest clientId. */
            clientId: number;

            /** WatchRequest key. */
            key: Uint8Array;

            /** WatchRequest prefix. */
            prefix: boolean;

            /** WatchRequest prevKv. */
            prevKv: boolean;

            /**
             * Creates a new WatchRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchRequest instance
             */
            static create(properties: d_engine.client.WatchRequest.$Shape): d_engine.client.WatchRequest & d_engine.client.WatchRequest.$Shape;
            static create(properties?: d_engine.client.WatchRequest.$Properties): d_engine.client.WatchRequest;

            /**
             * Encodes the specified WatchRequest message. Does not implicitly {@link d_engine.client.WatchRequest.verify|verify} messages.
             * @param message WatchRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.WatchRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WatchRequest message, length delimited. Does not implicitly {@link d_engine.client.WatchRequest.verify|verify} messages.
             * @param message WatchRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.WatchRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.WatchRequest & d_engine.client.WatchRequest.$Shape} WatchRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WatchRequest & d_engine.client.WatchRequest.$Shape;

            /**
             * Decodes a WatchRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.WatchRequest & d_engine.client.WatchRequest.$Shape} WatchRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WatchRequest & d_engine.client.WatchRequest.$Shape;

            /**
             * Verifies a WatchRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WatchRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchRequest
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.WatchRequest;

            /**
             * Creates a plain object from a WatchRequest message. Also converts values to other types if specified.
             * @param message WatchRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.WatchRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WatchRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WatchRequest {

            /** Properties of a WatchRequest. */
            interface $Properties {

                /** WatchRequest clientId */
                clientId?: (number|null);

                /** WatchRequest key */
                key?: (Uint8Array|null);

                /** WatchRequest prefix */
                prefix?: (boolean|null);

                /** WatchRequest prevKv */
                prevKv?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchRequest. */
            type $Shape = d_engine.client.WatchRequest.$Properties;
        }

        /**
         * Properties of a WatchResponse.
         * @deprecated Use d_engine.client.WatchResponse.$Properties instead.
         */
        interface IWatchResponse extends d_engine.client.WatchResponse.$Properties {
        }

        /** Represents a WatchResponse. */
        class WatchResponse {

            /**
             * Constructs a new WatchResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: d_engine.client.WatchResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WatchResponse key. */
            key: Uint8Array;

            /** WatchResponse value. */
            value: Uint8Array;

            /** WatchResponse eventType. */
            eventType: d_engine.client.WatchEventType;

            /** WatchResponse error. */
            error: d_engine.error.ErrorCode;

            /** WatchResponse revision. */
            revision: number;

            /** WatchResponse prevValue. */
            prevValue: Uint8Array;

            /**
             * Creates a new WatchResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchResponse instance
             */
            static create(properties: d_engine.client.WatchResponse.$Shape): d_engine.client.WatchResponse & d_engine.client.WatchResponse.$Shape;
            static create(properties?: d_engine.client.WatchResponse.$Properties): d_engine.client.WatchResponse;

            /**
             * Encodes the specified WatchResponse message. Does not implicitly {@link d_engine.client.WatchResponse.verify|verify} messages.
             * @param message WatchResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: d_engine.client.WatchResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WatchResponse message, length delimited. Does not implicitly {@link d_engine.client.WatchResponse.verify|verify} messages.
             * @param message WatchResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: d_engine.client.WatchResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {d_engine.client.WatchResponse & d_engine.client.WatchResponse.$Shape} WatchResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): d_engine.client.WatchResponse & d_engine.client.WatchResponse.$Shape;

            /**
             * Decodes a WatchResponse message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {d_engine.client.WatchResponse & d_engine.client.WatchResponse.$Shape} WatchResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): d_engine.client.WatchResponse & d_engine.client.WatchResponse.$Shape;

            /**
             * Verifies a WatchResponse message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WatchResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchResponse
             */
            static fromObject(object: { [k: string]: any }): d_engine.client.WatchResponse;

            /**
             * Creates a plain object from a WatchResponse message. Also converts values to other types if specified.
             * @param message WatchResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: d_engine.client.WatchResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WatchResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WatchResponse {

            /** Properties of a WatchResponse. */
            interface $Properties {

                /** WatchResponse key */
                key?: (Uint8Array|null);

                /** WatchResponse value */
                value?: (Uint8Array|null);

                /** WatchResponse eventType */
                eventType?: (d_engine.client.WatchEventType|null);

                /** WatchResponse error */
                error?: (d_engine.error.ErrorCode|null);

                /** WatchResponse revision */
                revision?: (number|null);

                /** WatchResponse prevValue */
                prevValue?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchResponse. */
            type $Shape = d_engine.client.WatchResponse.$Properties;
        }

        /** Represents a RaftClientService */
        class RaftClientService extends $protobuf.rpc.Service {

            /**
             * Constructs a new RaftClientService service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new RaftClientService service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): RaftClientService;

            /** Calls HandleClientWrite. */
            handleClientWrite: d_engine.client.RaftClientService.HandleClientWrite;

            /** Calls HandleClientRead. */
            handleClientRead: d_engine.client.RaftClientService.HandleClientRead;

            /** Calls HandleClientScan. */
            handleClientScan: d_engine.client.RaftClientService.HandleClientScan;

            /** Calls Watch. */
            watch: d_engine.client.RaftClientService.Watch;

            /** Calls WatchMembership. */
            watchMembership: d_engine.client.RaftClientService.WatchMembership;
        }

        namespace RaftClientService {

            /**
             * Callback as used by {@link d_engine.client.RaftClientService#handleClientWrite}.
             * @param error Error, if any
             * @param [response] ClientResponse
             */
            type HandleClientWriteCallback = (error: (Error|null), response?: d_engine.client.ClientResponse) => void;

            /** Calls HandleClientWrite. */
            type HandleClientWrite = {
              (request: d_engine.client.IClientWriteRequest, callback: d_engine.client.RaftClientService.HandleClientWriteCallback): void;
              (request: d_engine.client.IClientWriteRequest): Promise<d_engine.client.ClientResponse>;
              readonly name: "HandleClientWrite";
              readonly path: "/d_engine.client.RaftClientService/HandleClientWrite";
              readonly requestType: "ClientWriteRequest";
              readonly responseType: "ClientResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link d_engine.client.RaftClientService#handleClientRead}.
             * @param error Error, if any
             * @param [response] ClientResponse
             */
            type HandleClientReadCallback = (error: (Error|null), response?: d_engine.client.ClientResponse) => void;

            /** Calls HandleClientRead. */
            type HandleClientRead = {
              (request: d_engine.client.IClientReadRequest, callback: d_engine.client.RaftClientService.HandleClientReadCallback): void;
              (request: d_engine.client.IClientReadRequest): Promise<d_engine.client.ClientResponse>;
              readonly name: "HandleClientRead";
              readonly path: "/d_engine.client.RaftClientService/HandleClientRead";
              readonly requestType: "ClientReadRequest";
              readonly responseType: "ClientResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link d_engine.client.RaftClientService#handleClientScan}.
             * @param error Error, if any
             * @param [response] ScanResponse
             */
            type HandleClientScanCallback = (error: (Error|null), response?: d_engine.client.ScanResponse) => void;

            /** Calls HandleClientScan. */
            type HandleClientScan = {
              (request: d_engine.client.IScanRequest, callback: d_engine.client.RaftClientService.HandleClientScanCallback): void;
              (request: d_engine.client.IScanRequest): Promise<d_engine.client.ScanResponse>;
              readonly name: "HandleClientScan";
              readonly path: "/d_engine.client.RaftClientService/HandleClientScan";
              readonly requestType: "ScanRequest";
              readonly responseType: "ScanResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link d_engine.client.RaftClientService#watch}.
             * @param error Error, if any
             * @param [response] WatchResponse
             */
            type WatchCallback = (error: (Error|null), response?: d_engine.client.WatchResponse) => void;

            /** Calls Watch. */
            type Watch = {
              (request: d_engine.client.IWatchRequest, callback: d_engine.client.RaftClientService.WatchCallback): void;
              (request: d_engine.client.IWatchRequest): Promise<d_engine.client.WatchResponse>;
              readonly name: "Watch";
              readonly path: "/d_engine.client.RaftClientService/Watch";
              readonly requestType: "WatchRequest";
              readonly responseType: "WatchResponse";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };

            /**
             * Callback as used by {@link d_engine.client.RaftClientService#watchMembership}.
             * @param error Error, if any
             * @param [response] MembershipSnapshot
             */
            type WatchMembershipCallback = (error: (Error|null), response?: d_engine.client.MembershipSnapshot) => void;

            /** Calls WatchMembership. */
            type WatchMembership = {
              (request: d_engine.client.IWatchMembershipRequest, callback: d_engine.client.RaftClientService.WatchMembershipCallback): void;
              (request: d_engine.client.IWatchMembershipRequest): Promise<d_engine.client.MembershipSnapshot>;
              readonly name: "WatchMembership";
              readonly path: "/d_engine.client.RaftClientService/WatchMembership";
              readonly requestType: "WatchMembershipRequest";
              readonly responseType: "MembershipSnapshot";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };
        }
    }
}

/** Namespace grpc. */
export namespace grpc {

    /** Namespace health. */
    namespace health {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a HealthCheckRequest.
             * @deprecated Use grpc.health.v1.HealthCheckRequest.$Properties instead.
             */
            interface IHealthCheckRequest extends grpc.health.v1.HealthCheckRequest.$Properties {
            }

            /** Represents a HealthCheckRequest. */
            class HealthCheckRequest {

                /**
                 * Constructs a new HealthCheckRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: grpc.health.v1.HealthCheckRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HealthCheckRequest service. */
                service: string;

                /**
                 * Creates a new HealthCheckRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HealthCheckRequest instance
                 */
                static create(properties: grpc.health.v1.HealthCheckRequest.$Shape): grpc.health.v1.HealthCheckRequest & grpc.health.v1.HealthCheckRequest.$Shape;
                static create(properties?: grpc.health.v1.HealthCheckRequest.$Properties): grpc.health.v1.HealthCheckRequest;

                /**
                 * Encodes the specified HealthCheckRequest message. Does not implicitly {@link grpc.health.v1.HealthCheckRequest.verify|verify} messages.
                 * @param message HealthCheckRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: grpc.health.v1.HealthCheckRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified HealthCheckRequest message, length delimited. Does not implicitly {@link grpc.health.v1.HealthCheckRequest.verify|verify} messages.
                 * @param message HealthCheckRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: grpc.health.v1.HealthCheckRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HealthCheckRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {grpc.health.v1.HealthCheckRequest & grpc.health.v1.HealthCheckRequest.$Shape} HealthCheckRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): grpc.health.v1.HealthCheckRequest & grpc.health.v1.HealthCheckRequest.$Shape;

                /**
                 * Decodes a HealthCheckRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {grpc.health.v1.HealthCheckRequest & grpc.health.v1.HealthCheckRequest.$Shape} HealthCheckRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): grpc.health.v1.HealthCheckRequest & grpc.health.v1.HealthCheckRequest.$Shape;

                /**
                 * Verifies a HealthCheckRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HealthCheckRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HealthCheckRequest
                 */
                static fromObject(object: { [k: string]: any }): grpc.health.v1.HealthCheckRequest;

                /**
                 * Creates a plain object from a HealthCheckRequest message. Also converts values to other types if specified.
                 * @param message HealthCheckRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: grpc.health.v1.HealthCheckRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HealthCheckRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HealthCheckRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HealthCheckRequest {

                /** Properties of a HealthCheckRequest. */
                interface $Properties {

                    /** HealthCheckRequest service */
                    service?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HealthCheckRequest. */
                type $Shape = grpc.health.v1.HealthCheckRequest.$Properties;
            }

            /**
             * Properties of a HealthCheckResponse.
             * @deprecated Use grpc.health.v1.HealthCheckResponse.$Properties instead.
             */
            interface IHealthCheckResponse extends grpc.health.v1.HealthCheckResponse.$Properties {
            }

            /** Represents a HealthCheckResponse. */
            class HealthCheckResponse {

                /**
                 * Constructs a new HealthCheckResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: grpc.health.v1.HealthCheckResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HealthCheckResponse status. */
                status: grpc.health.v1.HealthCheckResponse.ServingStatus;

                /**
                 * Creates a new HealthCheckResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HealthCheckResponse instance
                 */
                static create(properties: grpc.health.v1.HealthCheckResponse.$Shape): grpc.health.v1.HealthCheckResponse & grpc.health.v1.HealthCheckResponse.$Shape;
                static create(properties?: grpc.health.v1.HealthCheckResponse.$Properties): grpc.health.v1.HealthCheckResponse;

                /**
                 * Encodes the specified HealthCheckResponse message. Does not implicitly {@link grpc.health.v1.HealthCheckResponse.verify|verify} messages.
                 * @param message HealthCheckResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: grpc.health.v1.HealthCheckResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified HealthCheckResponse message, length delimited. Does not implicitly {@link grpc.health.v1.HealthCheckResponse.verify|verify} messages.
                 * @param message HealthCheckResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: grpc.health.v1.HealthCheckResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HealthCheckResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {grpc.health.v1.HealthCheckResponse & grpc.health.v1.HealthCheckResponse.$Shape} HealthCheckResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): grpc.health.v1.HealthCheckResponse & grpc.health.v1.HealthCheckResponse.$Shape;

                /**
                 * Decodes a HealthCheckResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {grpc.health.v1.HealthCheckResponse & grpc.health.v1.HealthCheckResponse.$Shape} HealthCheckResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): grpc.health.v1.HealthCheckResponse & grpc.health.v1.HealthCheckResponse.$Shape;

                /**
                 * Verifies a HealthCheckResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HealthCheckResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HealthCheckResponse
                 */
                static fromObject(object: { [k: string]: any }): grpc.health.v1.HealthCheckResponse;

                /**
                 * Creates a plain object from a HealthCheckResponse message. Also converts values to other types if specified.
                 * @param message HealthCheckResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: grpc.health.v1.HealthCheckResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HealthCheckResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HealthCheckResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HealthCheckResponse {

                /** Properties of a HealthCheckResponse. */
                interface $Properties {

                    /** HealthCheckResponse status */
                    status?: (grpc.health.v1.HealthCheckResponse.ServingStatus|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HealthCheckResponse. */
                type $Shape = grpc.health.v1.HealthCheckResponse.$Properties;

                /** ServingStatus enum. */
                enum ServingStatus {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** SERVING value */
                    SERVING = 1,

                    /** NOT_SERVING value */
                    NOT_SERVING = 2,

                    /** SERVICE_UNKNOWN value */
                    SERVICE_UNKNOWN = 3
                }
            }

            /** Represents a Health */
            class Health extends $protobuf.rpc.Service {

                /**
                 * Constructs a new Health service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new Health service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Health;

                /** Calls Check. */
                check: grpc.health.v1.Health.Check;

                /** Calls Watch. */
                watch: grpc.health.v1.Health.Watch;
            }

            namespace Health {

                /**
                 * Callback as used by {@link grpc.health.v1.Health#check}.
                 * @param error Error, if any
                 * @param [response] HealthCheckResponse
                 */
                type CheckCallback = (error: (Error|null), response?: grpc.health.v1.HealthCheckResponse) => void;

                /** Calls Check. */
                type Check = {
                  (request: grpc.health.v1.IHealthCheckRequest, callback: grpc.health.v1.Health.CheckCallback): void;
                  (request: grpc.health.v1.IHealthCheckRequest): Promise<grpc.health.v1.HealthCheckResponse>;
                  readonly name: "Check";
                  readonly path: "/grpc.health.v1.Health/Check";
                  readonly requestType: "HealthCheckRequest";
                  readonly responseType: "HealthCheckResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link grpc.health.v1.Health#watch}.
                 * @param error Error, if any
                 * @param [response] HealthCheckResponse
                 */
                type WatchCallback = (error: (Error|null), response?: grpc.health.v1.HealthCheckResponse) => void;

                /** Calls Watch. */
                type Watch = {
                  (request: grpc.health.v1.IHealthCheckRequest, callback: grpc.health.v1.Health.WatchCallback): void;
                  (request: grpc.health.v1.IHealthCheckRequest): Promise<grpc.health.v1.HealthCheckResponse>;
                  readonly name: "Watch";
                  readonly path: "/grpc.health.v1.Health/Watch";
                  readonly requestType: "HealthCheckRequest";
                  readonly responseType: "HealthCheckResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };
            }
        }
    }
}

/** Namespace raftctl. */
export namespace raftctl {

    /** Namespace raft. */
    namespace raft {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a Learner.
             * @deprecated Use raftctl.raft.v1.Learner.$Properties instead.
             */
            interface ILearner extends raftctl.raft.v1.Learner.$Properties {
            }

            /** Represents a Learner. */
            class Learner {

                /**
                 * Constructs a new Learner.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.Learner.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Learner id. */
                id: number;

                /** Learner readOnly. */
                readOnly: boolean;

                /**
                 * Creates a new Learner instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Learner instance
                 */
                static create(properties: raftctl.raft.v1.Learner.$Shape): raftctl.raft.v1.Learner & raftctl.raft.v1.Learner.$Shape;
                static create(properties?: raftctl.raft.v1.Learner.$Properties): raftctl.raft.v1.Learner;

                /**
                 * Encodes the specified Learner message. Does not implicitly {@link raftctl.raft.v1.Learner.verify|verify} messages.
                 * @param message Learner message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.Learner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Learner message, length delimited. Does not implicitly {@link raftctl.raft.v1.Learner.verify|verify} messages.
                 * @param message Learner message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.Learner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Learner message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.Learner & raftctl.raft.v1.Learner.$Shape} Learner
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.Learner & raftctl.raft.v1.Learner.$Shape;

                /**
                 * Decodes a Learner message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.Learner & raftctl.raft.v1.Learner.$Shape} Learner
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.Learner & raftctl.raft.v1.Learner.$Shape;

                /**
                 * Verifies a Learner message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Learner message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Learner
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.Learner;

                /**
                 * Creates a plain object from a Learner message. Also converts values to other types if specified.
                 * @param message Learner
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.Learner, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Learner to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Learner
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Learner {

                /** Properties of a Learner. */
                interface $Properties {

                    /** Learner id */
                    id?: (number|null);

                    /** Learner readOnly */
                    readOnly?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Learner. */
                type $Shape = raftctl.raft.v1.Learner.$Properties;
            }

            /**
             * Properties of a Configuration.
             * @deprecated Use raftctl.raft.v1.Configuration.$Properties instead.
             */
            interface IConfiguration extends raftctl.raft.v1.Configuration.$Properties {
            }

            /** Represents a Configuration. */
            class Configuration {

                /**
                 * Constructs a new Configuration.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.Configuration.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Configuration voters. */
                voters: number[];

                /** Configuration votersOutgoing. */
                votersOutgoing: number[];

                /** Configuration learners. */
                learners: raftctl.raft.v1.Learner.$Properties[];

                /** Configuration addresses. */
                addresses: { [k: string]: string };

                /**
                 * Creates a new Configuration instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Configuration instance
                 */
                static create(properties: raftctl.raft.v1.Configuration.$Shape): raftctl.raft.v1.Configuration & raftctl.raft.v1.Configuration.$Shape;
                static create(properties?: raftctl.raft.v1.Configuration.$Properties): raftctl.raft.v1.Configuration;

                /**
                 * Encodes the specified Configuration message. Does not implicitly {@link raftctl.raft.v1.Configuration.verify|verify} messages.
                 * @param message Configuration message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.Configuration.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Configuration message, length delimited. Does not implicitly {@link raftctl.raft.v1.Configuration.verify|verify} messages.
                 * @param message Configuration message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.Configuration.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Configuration message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.Configuration & raftctl.raft.v1.Configuration.$Shape} Configuration
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.Configuration & raftctl.raft.v1.Configuration.$Shape;

                /**
                 * Decodes a Configuration message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.Configuration & raftctl.raft.v1.Configuration.$Shape} Configuration
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.Configuration & raftctl.raft.v1.Configuration.$Shape;

                /**
                 * Verifies a Configuration message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Configuration message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Configuration
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.Configuration;

                /**
                 * Creates a plain object from a Configuration message. Also converts values to other types if specified.
                 * @param message Configuration
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.Configuration, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Configuration to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Configuration
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Configuration {

                /** Properties of a Configuration. */
                interface $Properties {

                    /** Configuration voters */
                    voters?: (number[]|null);

                    /** Configuration votersOutgoing */
                    votersOutgoing?: (number[]|null);

                    /** Configuration learners */
                    learners?: (raftctl.raft.v1.Learner.$Properties[]|null);

                    /** Configuration addresses */
                    addresses?: ({ [k: string]: string }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Configuration. */
                type $Shape = raftctl.raft.v1.Configuration.$Properties;
            }

            /**
             * Properties of an EntryPayload.
             * @deprecated Use raftctl.raft.v1.EntryPayload.$Properties instead.
             */
            interface IEntryPayload extends raftctl.raft.v1.EntryPayload.$Properties {
            }

            /** Represents an EntryPayload. */
            class EntryPayload {

                /**
                 * Constructs a new EntryPayload.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.EntryPayload.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** EntryPayload noop. */
                noop?: (d_engine.common.Noop.$Properties|null);

                /** EntryPayload command. */
                command?: (Uint8Array|null);

                /** EntryPayload config. */
                config?: (d_engine.common.MembershipChange.$Properties|null);

                /** EntryPayload configuration. */
                configuration?: (raftctl.raft.v1.Configuration.$Properties|null);

                /** EntryPayload payload. */
                payload?: ("noop"|"command"|"config"|"configuration");

                /**
                 * Creates a new EntryPayload instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns EntryPayload instance
                 */
                static create(properties: raftctl.raft.v1.EntryPayload.$Shape): raftctl.raft.v1.EntryPayload & raftctl.raft.v1.EntryPayload.$Shape;
                static create(properties?: raftctl.raft.v1.EntryPayload.$Properties): raftctl.raft.v1.EntryPayload;

                /**
                 * Encodes the specified EntryPayload message. Does not implicitly {@link raftctl.raft.v1.EntryPayload.verify|verify} messages.
                 * @param message EntryPayload message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.EntryPayload.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified EntryPayload message, length delimited. Does not implicitly {@link raftctl.raft.v1.EntryPayload.verify|verify} messages.
                 * @param message EntryPayload message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.EntryPayload.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EntryPayload message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.EntryPayload & raftctl.raft.v1.EntryPayload.$Shape} EntryPayload
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.EntryPayload & raftctl.raft.v1.EntryPayload.$Shape;

                /**
                 * Decodes an EntryPayload message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.EntryPayload & raftctl.raft.v1.EntryPayload.$Shape} EntryPayload
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.EntryPayload & raftctl.raft.v1.EntryPayload.$Shape;

                /**
                 * Verifies an EntryPayload message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an EntryPayload message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns EntryPayload
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.EntryPayload;

                /**
                 * Creates a plain object from an EntryPayload message. Also converts values to other types if specified.
                 * @param message EntryPayload
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.EntryPayload, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this EntryPayload to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for EntryPayload
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace EntryPayload {

                /** Properties of an EntryPayload. */
                interface $Properties {

                    /** EntryPayload noop */
                    noop?: (d_engine.common.Noop.$Properties|null);

                    /** EntryPayload command */
                    command?: (Uint8Array|null);

                    /** EntryPayload config */
                    config?: (d_engine.common.MembershipChange.$Properties|null);

                    /** EntryPayload configuration */
                    configuration?: (raftctl.raft.v1.Configuration.$Properties|null);

                    /** EntryPayload payload */
                    payload?: ("noop"|"command"|"config"|"configuration");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of an EntryPayload. */
                type $Shape = {
                  noop?: d_engine.common.Noop.$Shape|null;
                  command?: Uint8Array|null;
                  config?: d_engine.common.MembershipChange.$Shape|null;
                  configuration?: raftctl.raft.v1.Configuration.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ payload?: undefined; noop?: null; command?: null; config?: null; configuration?: null }|{ payload?: "noop"; noop: d_engine.common.Noop.$Shape; command?: null; config?: null; configuration?: null }|{ payload?: "command"; noop?: null; command: Uint8Array; config?: null; configuration?: null }|{ payload?: "config"; noop?: null; command?: null; config: d_engine.common.MembershipChange.$Shape; configuration?: null }|{ payload?: "configuration"; noop?: null; command?: null; config?: null; configuration: raftctl.raft.v1.Configuration.$Shape })
                );
            }

            /**
             * Properties of an Entry.
             * @deprecated Use raftctl.raft.v1.Entry.$Properties instead.
             */
            interface IEntry extends raftctl.raft.v1.Entry.$Properties {
            }

            /** Represents an Entry. */
            class Entry {

                /**
                 * Constructs a new Entry.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.Entry.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Entry index. */
                index: number;

                /** Entry term. */
                term: number;

                /** Entry payload. */
                payload?: (raftctl.raft.v1.EntryPayload.$Properties|null);

                /** Entry proposedAtUnixMs. */
                proposedAtUnixMs: number;

                /**
                 * Creates a new Entry instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Entry instance
                 */
                static create(properties: raftctl.raft.v1.Entry.$Shape): raftctl.raft.v1.Entry & raftctl.raft.v1.Entry.$Shape;
                static create(properties?: raftctl.raft.v1.Entry.$Properties): raftctl.raft.v1.Entry;

                /**
                 * Encodes the specified Entry message. Does not implicitly {@link raftctl.raft.v1.Entry.verify|verify} messages.
                 * @param message Entry message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Entry message, length delimited. Does not implicitly {@link raftctl.raft.v1.Entry.verify|verify} messages.
                 * @param message Entry message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Entry message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.Entry & raftctl.raft.v1.Entry.$Shape} Entry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.Entry & raftctl.raft.v1.Entry.$Shape;

                /**
                 * Decodes an Entry message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.Entry & raftctl.raft.v1.Entry.$Shape} Entry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.Entry & raftctl.raft.v1.Entry.$Shape;

                /**
                 * Verifies an Entry message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Entry message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Entry
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.Entry;

                /**
                 * Creates a plain object from an Entry message. Also converts values to other types if specified.
                 * @param message Entry
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.Entry, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Entry to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Entry
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Entry {

                /** Properties of an Entry. */
                interface $Properties {

                    /** Entry index */
                    index?: (number|null);

                    /** Entry term */
                    term?: (number|null);

                    /** Entry payload */
                    payload?: (raftctl.raft.v1.EntryPayload.$Properties|null);

                    /** Entry proposedAtUnixMs */
                    proposedAtUnixMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Entry. */
                type $Shape = {
                  index?: number|null;
                  term?: number|null;
                  payload?: raftctl.raft.v1.EntryPayload.$Shape|null;
                  proposedAtUnixMs?: number|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a VoteRequest.
             * @deprecated Use raftctl.raft.v1.VoteRequest.$Properties instead.
             */
            interface IVoteRequest extends raftctl.raft.v1.VoteRequest.$Properties {
            }

            /** Represents a VoteRequest. */
            class VoteRequest {

                /**
                 * Constructs a new VoteRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.VoteRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** VoteRequest term. */
                term: number;

                /** VoteRequest candidateId. */
                candidateId: number;

                /** VoteRequest lastLogIndex. */
                lastLogIndex: number;

                /** VoteRequest lastLogTerm. */
                lastLogTerm: number;

                /** VoteRequest leadershipTransfer. */
                leadershipTransfer: boolean;

                /**
                 * Creates a new VoteRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns VoteRequest instance
                 */
                static create(properties: raftctl.raft.v1.VoteRequest.$Shape): raftctl.raft.v1.VoteRequest & raftctl.raft.v1.VoteRequest.$Shape;
                static create(properties?: raftctl.raft.v1.VoteRequest.$Properties): raftctl.raft.v1.VoteRequest;

                /**
                 * Encodes the specified VoteRequest message. Does not implicitly {@link raftctl.raft.v1.VoteRequest.verify|verify} messages.
                 * @param message VoteRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.VoteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified VoteRequest message, length delimited. Does not implicitly {@link raftctl.raft.v1.VoteRequest.verify|verify} messages.
                 * @param message VoteRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.VoteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a VoteRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.VoteRequest & raftctl.raft.v1.VoteRequest.$Shape} VoteRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.VoteRequest & raftctl.raft.v1.VoteRequest.$Shape;

                /**
                 * Decodes a VoteRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.VoteRequest & raftctl.raft.v1.VoteRequest.$Shape} VoteRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.VoteRequest & raftctl.raft.v1.VoteRequest.$Shape;

                /**
                 * Verifies a VoteRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a VoteRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns VoteRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.VoteRequest;

                /**
                 * Creates a plain object from a VoteRequest message. Also converts values to other types if specified.
                 * @param message VoteRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.VoteRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this VoteRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for VoteRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace VoteRequest {

                /** Properties of a VoteRequest. */
                interface $Properties {

                    /** VoteRequest term */
                    term?: (number|null);

                    /** VoteRequest candidateId */
                    candidateId?: (number|null);

                    /** VoteRequest lastLogIndex */
                    lastLogIndex?: (number|null);

                    /** VoteRequest lastLogTerm */
                    lastLogTerm?: (number|null);

                    /** VoteRequest leadershipTransfer */
                    leadershipTransfer?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a VoteRequest. */
                type $Shape = raftctl.raft.v1.VoteRequest.$Properties;
            }

            /**
             * Properties of an AppendEntriesRequest.
             * @deprecated Use raftctl.raft.v1.AppendEntriesRequest.$Properties instead.
             */
            interface IAppendEntriesRequest extends raftctl.raft.v1.AppendEntriesRequest.$Properties {
            }

            /** Represents an AppendEntriesRequest. */
            class AppendEntriesRequest {

                /**
                 * Constructs a new AppendEntriesRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.AppendEntriesRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AppendEntriesRequest term. */
                term: number;

                /** AppendEntriesRequest leaderId. */
                leaderId: number;

                /** AppendEntriesRequest prevLogIndex. */
                prevLogIndex: number;

                /** AppendEntriesRequest prevLogTerm. */
                prevLogTerm: number;

                /** AppendEntriesRequest entries. */
                entries: raftctl.raft.v1.Entry.$Properties[];

                /** AppendEntriesRequest leaderCommitIndex. */
                leaderCommitIndex: number;

                /**
                 * Creates a new AppendEntriesRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AppendEntriesRequest instance
                 */
                static create(properties: raftctl.raft.v1.AppendEntriesRequest.$Shape): raftctl.raft.v1.AppendEntriesRequest & raftctl.raft.v1.AppendEntriesRequest.$Shape;
                static create(properties?: raftctl.raft.v1.AppendEntriesRequest.$Properties): raftctl.raft.v1.AppendEntriesRequest;

                /**
                 * Encodes the specified AppendEntriesRequest message. Does not implicitly {@link raftctl.raft.v1.AppendEntriesRequest.verify|verify} messages.
                 * @param message AppendEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.AppendEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified AppendEntriesRequest message, length delimited. Does not implicitly {@link raftctl.raft.v1.AppendEntriesRequest.verify|verify} messages.
                 * @param message AppendEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.AppendEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AppendEntriesRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.AppendEntriesRequest & raftctl.raft.v1.AppendEntriesRequest.$Shape} AppendEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.AppendEntriesRequest & raftctl.raft.v1.AppendEntriesRequest.$Shape;

                /**
                 * Decodes an AppendEntriesRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.AppendEntriesRequest & raftctl.raft.v1.AppendEntriesRequest.$Shape} AppendEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.AppendEntriesRequest & raftctl.raft.v1.AppendEntriesRequest.$Shape;

                /**
                 * Verifies an AppendEntriesRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an AppendEntriesRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AppendEntriesRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.AppendEntriesRequest;

                /**
                 * Creates a plain object from an AppendEntriesRequest message. Also converts values to other types if specified.
                 * @param message AppendEntriesRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.AppendEntriesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AppendEntriesRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for AppendEntriesRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace AppendEntriesRequest {

                /** Properties of an AppendEntriesRequest. */
                interface $Properties {

                    /** AppendEntriesRequest term */
                    term?: (number|null);

                    /** AppendEntriesRequest leaderId */
                    leaderId?: (number|null);

                    /** AppendEntriesRequest prevLogIndex */
                    prevLogIndex?: (number|null);

                    /** AppendEntriesRequest prevLogTerm */
                    prevLogTerm?: (number|null);

                    /** AppendEntriesRequest entries */
                    entries?: (raftctl.raft.v1.Entry.$Properties[]|null);

                    /** AppendEntriesRequest leaderCommitIndex */
                    leaderCommitIndex?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AppendEntriesRequest. */
                type $Shape = {
                  term?: number|null;
                  leaderId?: number|null;
                  prevLogIndex?: number|null;
                  prevLogTerm?: number|null;
                  entries?: raftctl.raft.v1.Entry.$Shape[]|null;
                  leaderCommitIndex?: number|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a TimeoutNowRequest.
             * @deprecated Use raftctl.raft.v1.TimeoutNowRequest.$Properties instead.
             */
            interface ITimeoutNowRequest extends raftctl.raft.v1.TimeoutNowRequest.$Properties {
            }

            /** Represents a TimeoutNowRequest. */
            class TimeoutNowRequest {

                /**
                 * Constructs a new TimeoutNowRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.TimeoutNowRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TimeoutNowRequest term. */
                term: number;

                /** TimeoutNowRequest leaderId. */
                leaderId: number;

                /**
                 * Creates a new TimeoutNowRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TimeoutNowRequest instance
                 */
                static create(properties: raftctl.raft.v1.TimeoutNowRequest.$Shape): raftctl.raft.v1.TimeoutNowRequest & raftctl.raft.v1.TimeoutNowRequest.$Shape;
                static create(properties?: raftctl.raft.v1.TimeoutNowRequest.$Properties): raftctl.raft.v1.TimeoutNowRequest;

                /**
                 * Encodes the specified TimeoutNowRequest message. Does not implicitly {@link raftctl.raft.v1.TimeoutNowRequest.verify|verify} messages.
                 * @param message TimeoutNowRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.TimeoutNowRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TimeoutNowRequest message, length delimited. Does not implicitly {@link raftctl.raft.v1.TimeoutNowRequest.verify|verify} messages.
                 * @param message TimeoutNowRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.TimeoutNowRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TimeoutNowRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.TimeoutNowRequest & raftctl.raft.v1.TimeoutNowRequest.$Shape} TimeoutNowRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.TimeoutNowRequest & raftctl.raft.v1.TimeoutNowRequest.$Shape;

                /**
                 * Decodes a TimeoutNowRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.TimeoutNowRequest & raftctl.raft.v1.TimeoutNowRequest.$Shape} TimeoutNowRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.TimeoutNowRequest & raftctl.raft.v1.TimeoutNowRequest.$Shape;

                /**
                 * Verifies a TimeoutNowRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TimeoutNowRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TimeoutNowRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.TimeoutNowRequest;

                /**
                 * Creates a plain object from a TimeoutNowRequest message. Also converts values to other types if specified.
                 * @param message TimeoutNowRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.TimeoutNowRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TimeoutNowRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TimeoutNowRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TimeoutNowRequest {

                /** Properties of a TimeoutNowRequest. */
                interface $Properties {

                    /** TimeoutNowRequest term */
                    term?: (number|null);

                    /** TimeoutNowRequest leaderId */
                    leaderId?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TimeoutNowRequest. */
                type $Shape = raftctl.raft.v1.TimeoutNowRequest.$Properties;
            }

            /**
             * Properties of an Empty.
             * @deprecated Use raftctl.raft.v1.Empty.$Properties instead.
             */
            interface IEmpty extends raftctl.raft.v1.Empty.$Properties {
            }

            /** Represents an Empty. */
            class Empty {

                /**
                 * Constructs a new Empty.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.Empty.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Empty instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Empty instance
                 */
                static create(properties: raftctl.raft.v1.Empty.$Shape): raftctl.raft.v1.Empty & raftctl.raft.v1.Empty.$Shape;
                static create(properties?: raftctl.raft.v1.Empty.$Properties): raftctl.raft.v1.Empty;

                /**
                 * Encodes the specified Empty message. Does not implicitly {@link raftctl.raft.v1.Empty.verify|verify} messages.
                 * @param message Empty message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.Empty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Empty message, length delimited. Does not implicitly {@link raftctl.raft.v1.Empty.verify|verify} messages.
                 * @param message Empty message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.Empty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Empty message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.Empty & raftctl.raft.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.Empty & raftctl.raft.v1.Empty.$Shape;

                /**
                 * Decodes an Empty message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.Empty & raftctl.raft.v1.Empty.$Shape} Empty
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.Empty & raftctl.raft.v1.Empty.$Shape;

                /**
                 * Verifies an Empty message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Empty message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Empty
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.Empty;

                /**
                 * Creates a plain object from an Empty message. Also converts values to other types if specified.
                 * @param message Empty
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.Empty, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Empty to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Empty
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Empty {

                /** Properties of an Empty. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Empty. */
                type $Shape = raftctl.raft.v1.Empty.$Properties;
            }

            /**
             * Properties of a ReadIndexRequest.
             * @deprecated Use raftctl.raft.v1.ReadIndexRequest.$Properties instead.
             */
            interface IReadIndexRequest extends raftctl.raft.v1.ReadIndexRequest.$Properties {
            }

            /** Represents a ReadIndexRequest. */
            class ReadIndexRequest {

                /**
                 * Constructs a new ReadIndexRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.ReadIndexRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ReadIndexRequest term. */
                term: number;

                /** ReadIndexRequest from. */
                from: number;

                /** ReadIndexRequest ctx. */
                ctx: number;

                /**
                 * Creates a new ReadIndexRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ReadIndexRequest instance
                 */
                static create(properties: raftctl.raft.v1.ReadIndexRequest.$Shape): raftctl.raft.v1.ReadIndexRequest & raftctl.raft.v1.ReadIndexRequest.$Shape;
                static create(properties?: raftctl.raft.v1.ReadIndexRequest.$Properties): raftctl.raft.v1.ReadIndexRequest;

                /**
                 * Encodes the specified ReadIndexRequest message. Does not implicitly {@link raftctl.raft.v1.ReadIndexRequest.verify|verify} messages.
                 * @param message ReadIndexRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.ReadIndexRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ReadIndexRequest message, length delimited. Does not implicitly {@link raftctl.raft.v1.ReadIndexRequest.verify|verify} messages.
                 * @param message ReadIndexRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.ReadIndexRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ReadIndexRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.ReadIndexRequest & raftctl.raft.v1.ReadIndexRequest.$Shape} ReadIndexRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.ReadIndexRequest & raftctl.raft.v1.ReadIndexRequest.$Shape;

                /**
                 * Decodes a ReadIndexRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.ReadIndexRequest & raftctl.raft.v1.ReadIndexRequest.$Shape} ReadIndexRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.ReadIndexRequest & raftctl.raft.v1.ReadIndexRequest.$Shape;

                /**
                 * Verifies a ReadIndexRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ReadIndexRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ReadIndexRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.ReadIndexRequest;

                /**
                 * Creates a plain object from a ReadIndexRequest message. Also converts values to other types if specified.
                 * @param message ReadIndexRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.ReadIndexRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ReadIndexRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ReadIndexRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ReadIndexRequest {

                /** Properties of a ReadIndexRequest. */
                interface $Properties {

                    /** ReadIndexRequest term */
                    term?: (number|null);

                    /** ReadIndexRequest from */
                    from?: (number|null);

                    /** ReadIndexRequest ctx */
                    ctx?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ReadIndexRequest. */
                type $Shape = raftctl.raft.v1.ReadIndexRequest.$Properties;
            }

            /**
             * Properties of a ReadIndexResponse.
             * @deprecated Use raftctl.raft.v1.ReadIndexResponse.$Properties instead.
             */
            interface IReadIndexResponse extends raftctl.raft.v1.ReadIndexResponse.$Properties {
            }

            /** Represents a ReadIndexResponse. */
            class ReadIndexResponse {

                /**
                 * Constructs a new ReadIndexResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.ReadIndexResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ReadIndexResponse term. */
                term: number;

                /** ReadIndexResponse ctx. */
                ctx: number;

                /** ReadIndexResponse index. */
                index?: (number|null);

                /** ReadIndexResponse rejected. */
                rejected: boolean;

                /** ReadIndexResponse leaderHint. */
                leaderHint: number;

                /**
                 * Creates a new ReadIndexResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ReadIndexResponse instance
                 */
                static create(properties: raftctl.raft.v1.ReadIndexResponse.$Shape): raftctl.raft.v1.ReadIndexResponse & raftctl.raft.v1.ReadIndexResponse.$Shape;
                static create(properties?: raftctl.raft.v1.ReadIndexResponse.$Properties): raftctl.raft.v1.ReadIndexResponse;

                /**
                 * Encodes the specified ReadIndexResponse message. Does not implicitly {@link raftctl.raft.v1.ReadIndexResponse.verify|verify} messages.
                 * @param message ReadIndexResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.ReadIndexResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ReadIndexResponse message, length delimited. Does not implicitly {@link raftctl.raft.v1.ReadIndexResponse.verify|verify} messages.
                 * @param message ReadIndexResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.ReadIndexResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ReadIndexResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.ReadIndexResponse & raftctl.raft.v1.ReadIndexResponse.$Shape} ReadIndexResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.ReadIndexResponse & raftctl.raft.v1.ReadIndexResponse.$Shape;

                /**
                 * Decodes a ReadIndexResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.ReadIndexResponse & raftctl.raft.v1.ReadIndexResponse.$Shape} ReadIndexResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.ReadIndexResponse & raftctl.raft.v1.ReadIndexResponse.$Shape;

                /**
                 * Verifies a ReadIndexResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ReadIndexResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ReadIndexResponse
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.ReadIndexResponse;

                /**
                 * Creates a plain object from a ReadIndexResponse message. Also converts values to other types if specified.
                 * @param message ReadIndexResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.ReadIndexResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ReadIndexResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ReadIndexResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ReadIndexResponse {

                /** Properties of a ReadIndexResponse. */
                interface $Properties {

                    /** ReadIndexResponse term */
                    term?: (number|null);

                    /** ReadIndexResponse ctx */
                    ctx?: (number|null);

                    /** ReadIndexResponse index */
                    index?: (number|null);

                    /** ReadIndexResponse rejected */
                    rejected?: (boolean|null);

                    /** ReadIndexResponse leaderHint */
                    leaderHint?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ReadIndexResponse. */
                type $Shape = raftctl.raft.v1.ReadIndexResponse.$Properties;
            }

            /**
             * Properties of a WriteCommand.
             * @deprecated Use raftctl.raft.v1.WriteCommand.$Properties instead.
             */
            interface IWriteCommand extends raftctl.raft.v1.WriteCommand.$Properties {
            }

            /** Represents a WriteCommand. */
            class WriteCommand {

                /**
                 * Constructs a new WriteCommand.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.WriteCommand.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WriteCommand insert. */
                insert?: (d_engine.client.WriteCommand.Insert.$Properties|null);

                /** WriteCommand delete. */
                delete?: (d_engine.client.WriteCommand.Delete.$Properties|null);

                /** WriteCommand compareAndSwap. */
                compareAndSwap?: (d_engine.client.WriteCommand.CompareAndSwap.$Properties|null);

                /** WriteCommand expire. */
                expire?: (raftctl.raft.v1.ExpireKeys.$Properties|null);

                /** WriteCommand operation. */
                operation?: ("insert"|"delete"|"compareAndSwap"|"expire");

                /**
                 * Creates a new WriteCommand instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WriteCommand instance
                 */
                static create(properties: raftctl.raft.v1.WriteCommand.$Shape): raftctl.raft.v1.WriteCommand & raftctl.raft.v1.WriteCommand.$Shape;
                static create(properties?: raftctl.raft.v1.WriteCommand.$Properties): raftctl.raft.v1.WriteCommand;

                /**
                 * Encodes the specified WriteCommand message. Does not implicitly {@link raftctl.raft.v1.WriteCommand.verify|verify} messages.
                 * @param message WriteCommand message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.WriteCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified WriteCommand message, length delimited. Does not implicitly {@link raftctl.raft.v1.WriteCommand.verify|verify} messages.
                 * @param message WriteCommand message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.WriteCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WriteCommand message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.WriteCommand & raftctl.raft.v1.WriteCommand.$Shape} WriteCommand
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.WriteCommand & raftctl.raft.v1.WriteCommand.$Shape;

                /**
                 * Decodes a WriteCommand message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.WriteCommand & raftctl.raft.v1.WriteCommand.$Shape} WriteCommand
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.WriteCommand & raftctl.raft.v1.WriteCommand.$Shape;

                /**
                 * Verifies a WriteCommand message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a WriteCommand message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WriteCommand
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.WriteCommand;

                /**
                 * Creates a plain object from a WriteCommand message. Also converts values to other types if specified.
                 * @param message WriteCommand
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.WriteCommand, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WriteCommand to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for WriteCommand
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace WriteCommand {

                /** Properties of a WriteCommand. */
                interface $Properties {

                    /** WriteCommand insert */
                    insert?: (d_engine.client.WriteCommand.Insert.$Properties|null);

                    /** WriteCommand delete */
                    "delete"?: (d_engine.client.WriteCommand.Delete.$Properties|null);

                    /** WriteCommand compareAndSwap */
                    compareAndSwap?: (d_engine.client.WriteCommand.CompareAndSwap.$Properties|null);

                    /** WriteCommand expire */
                    expire?: (raftctl.raft.v1.ExpireKeys.$Properties|null);

                    /** WriteCommand operation */
                    operation?: ("insert"|"delete"|"compareAndSwap"|"expire");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a WriteCommand. */
                type $Shape = {
                  insert?: d_engine.client.WriteCommand.Insert.$Shape|null;
                  "delete"?: d_engine.client.WriteCommand.Delete.$Shape|null;
                  compareAndSwap?: d_engine.client.WriteCommand.CompareAndSwap.$Shape|null;
                  expire?: raftctl.raft.v1.ExpireKeys.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ operation?: undefined; insert?: null; "delete"?: null; compareAndSwap?: null; expire?: null }|{ operation?: "insert"; insert: d_engine.client.WriteCommand.Insert.$Shape; "delete"?: null; compareAndSwap?: null; expire?: null }|{ operation?: "delete"; insert?: null; "delete": d_engine.client.WriteCommand.Delete.$Shape; compareAndSwap?: null; expire?: null }|{ operation?: "compareAndSwap"; insert?: null; "delete"?: null; compareAndSwap: d_engine.client.WriteCommand.CompareAndSwap.$Shape; expire?: null }|{ operation?: "expire"; insert?: null; "delete"?: null; compareAndSwap?: null; expire: raftctl.raft.v1.ExpireKeys.$Shape })
                );
            }

            /**
             * Properties of an ExpireKeys.
             * @deprecated Use raftctl.raft.v1.ExpireKeys.$Properties instead.
             */
            interface IExpireKeys extends raftctl.raft.v1.ExpireKeys.$Properties {
            }

            /** Represents an ExpireKeys. */
            class ExpireKeys {

                /**
                 * Constructs a new ExpireKeys.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.raft.v1.ExpireKeys.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ExpireKeys keys. */
                keys: Uint8Array[];

                /**
                 * Creates a new ExpireKeys instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ExpireKeys instance
                 */
                static create(properties: raftctl.raft.v1.ExpireKeys.$Shape): raftctl.raft.v1.ExpireKeys & raftctl.raft.v1.ExpireKeys.$Shape;
                static create(properties?: raftctl.raft.v1.ExpireKeys.$Properties): raftctl.raft.v1.ExpireKeys;

                /**
                 * Encodes the specified ExpireKeys message. Does not implicitly {@link raftctl.raft.v1.ExpireKeys.verify|verify} messages.
                 * @param message ExpireKeys message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.raft.v1.ExpireKeys.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ExpireKeys message, length delimited. Does not implicitly {@link raftctl.raft.v1.ExpireKeys.verify|verify} messages.
                 * @param message ExpireKeys message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.raft.v1.ExpireKeys.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ExpireKeys message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.raft.v1.ExpireKeys & raftctl.raft.v1.ExpireKeys.$Shape} ExpireKeys
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.raft.v1.ExpireKeys & raftctl.raft.v1.ExpireKeys.$Shape;

                /**
                 * Decodes an ExpireKeys message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.raft.v1.ExpireKeys & raftctl.raft.v1.ExpireKeys.$Shape} ExpireKeys
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.raft.v1.ExpireKeys & raftctl.raft.v1.ExpireKeys.$Shape;

                /**
                 * Verifies an ExpireKeys message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an ExpireKeys message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ExpireKeys
                 */
                static fromObject(object: { [k: string]: any }): raftctl.raft.v1.ExpireKeys;

                /**
                 * Creates a plain object from an ExpireKeys message. Also converts values to other types if specified.
                 * @param message ExpireKeys
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.raft.v1.ExpireKeys, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ExpireKeys to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ExpireKeys
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ExpireKeys {

                /** Properties of an ExpireKeys. */
                interface $Properties {

                    /** ExpireKeys keys */
                    keys?: (Uint8Array[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an ExpireKeys. */
                type $Shape = raftctl.raft.v1.ExpireKeys.$Properties;
            }

            /** Represents a RaftPeerExt */
            class RaftPeerExt extends $protobuf.rpc.Service {

                /**
                 * Constructs a new RaftPeerExt service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new RaftPeerExt service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): RaftPeerExt;

                /** Calls PreVote. */
                preVote: raftctl.raft.v1.RaftPeerExt.PreVote;

                /** Calls TimeoutNow. */
                timeoutNow: raftctl.raft.v1.RaftPeerExt.TimeoutNow;

                /** Calls ReadIndex. */
                readIndex: raftctl.raft.v1.RaftPeerExt.ReadIndex;
            }

            namespace RaftPeerExt {

                /**
                 * Callback as used by {@link raftctl.raft.v1.RaftPeerExt#preVote}.
                 * @param error Error, if any
                 * @param [response] VoteResponse
                 */
                type PreVoteCallback = (error: (Error|null), response?: d_engine.server.election.VoteResponse) => void;

                /** Calls PreVote. */
                type PreVote = {
                  (request: raftctl.raft.v1.IVoteRequest, callback: raftctl.raft.v1.RaftPeerExt.PreVoteCallback): void;
                  (request: raftctl.raft.v1.IVoteRequest): Promise<d_engine.server.election.VoteResponse>;
                  readonly name: "PreVote";
                  readonly path: "/raftctl.raft.v1.RaftPeerExt/PreVote";
                  readonly requestType: "VoteRequest";
                  readonly responseType: "d_engine.server.election.VoteResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.raft.v1.RaftPeerExt#timeoutNow}.
                 * @param error Error, if any
                 * @param [response] Empty
                 */
                type TimeoutNowCallback = (error: (Error|null), response?: raftctl.raft.v1.Empty) => void;

                /** Calls TimeoutNow. */
                type TimeoutNow = {
                  (request: raftctl.raft.v1.ITimeoutNowRequest, callback: raftctl.raft.v1.RaftPeerExt.TimeoutNowCallback): void;
                  (request: raftctl.raft.v1.ITimeoutNowRequest): Promise<raftctl.raft.v1.Empty>;
                  readonly name: "TimeoutNow";
                  readonly path: "/raftctl.raft.v1.RaftPeerExt/TimeoutNow";
                  readonly requestType: "TimeoutNowRequest";
                  readonly responseType: "Empty";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.raft.v1.RaftPeerExt#readIndex}.
                 * @param error Error, if any
                 * @param [response] ReadIndexResponse
                 */
                type ReadIndexCallback = (error: (Error|null), response?: raftctl.raft.v1.ReadIndexResponse) => void;

                /** Calls ReadIndex. */
                type ReadIndex = {
                  (request: raftctl.raft.v1.IReadIndexRequest, callback: raftctl.raft.v1.RaftPeerExt.ReadIndexCallback): void;
                  (request: raftctl.raft.v1.IReadIndexRequest): Promise<raftctl.raft.v1.ReadIndexResponse>;
                  readonly name: "ReadIndex";
                  readonly path: "/raftctl.raft.v1.RaftPeerExt/ReadIndex";
                  readonly requestType: "ReadIndexRequest";
                  readonly responseType: "ReadIndexResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };
            }
        }
    }

    /** Namespace admin. */
    namespace admin {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a GetServerInfoRequest.
             * @deprecated Use raftctl.admin.v1.GetServerInfoRequest.$Properties instead.
             */
            interface IGetServerInfoRequest extends raftctl.admin.v1.GetServerInfoRequest.$Properties {
            }

            /** Represents a GetServerInfoRequest. */
            class GetServerInfoRequest {

                /**
                 * Constructs a new GetServerInfoRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.GetServerInfoRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new GetServerInfoRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns GetServerInfoRequest instance
                 */
                static create(properties: raftctl.admin.v1.GetServerInfoRequest.$Shape): raftctl.admin.v1.GetServerInfoRequest & raftctl.admin.v1.GetServerInfoRequest.$Shape;
                static create(properties?: raftctl.admin.v1.GetServerInfoRequest.$Properties): raftctl.admin.v1.GetServerInfoRequest;

                /**
                 * Encodes the specified GetServerInfoRequest message. Does not implicitly {@link raftctl.admin.v1.GetServerInfoRequest.verify|verify} messages.
                 * @param message GetServerInfoRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.GetServerInfoRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified GetServerInfoRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.GetServerInfoRequest.verify|verify} messages.
                 * @param message GetServerInfoRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.GetServerInfoRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a GetServerInfoRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.GetServerInfoRequest & raftctl.admin.v1.GetServerInfoRequest.$Shape} GetServerInfoRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.GetServerInfoRequest & raftctl.admin.v1.GetServerInfoRequest.$Shape;

                /**
                 * Decodes a GetServerInfoRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.GetServerInfoRequest & raftctl.admin.v1.GetServerInfoRequest.$Shape} GetServerInfoRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.GetServerInfoRequest & raftctl.admin.v1.GetServerInfoRequest.$Shape;

                /**
                 * Verifies a GetServerInfoRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a GetServerInfoRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns GetServerInfoRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.GetServerInfoRequest;

                /**
                 * Creates a plain object from a GetServerInfoRequest message. Also converts values to other types if specified.
                 * @param message GetServerInfoRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.GetServerInfoRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this GetServerInfoRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for GetServerInfoRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace GetServerInfoRequest {

                /** Properties of a GetServerInfoRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a GetServerInfoRequest. */
                type $Shape = raftctl.admin.v1.GetServerInfoRequest.$Properties;
            }

            /**
             * Properties of a ServerInfo.
             * @deprecated Use raftctl.admin.v1.ServerInfo.$Properties instead.
             */
            interface IServerInfo extends raftctl.admin.v1.ServerInfo.$Properties {
            }

            /** Represents a ServerInfo. */
            class ServerInfo {

                /**
                 * Constructs a new ServerInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.ServerInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ServerInfo version. */
                version: string;

                /** ServerInfo nodeId. */
                nodeId: number;

                /** ServerInfo clusterId. */
                clusterId: string;

                /** ServerInfo apiVersion. */
                apiVersion: number;

                /** ServerInfo features. */
                features: string[];

                /**
                 * Creates a new ServerInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ServerInfo instance
                 */
                static create(properties: raftctl.admin.v1.ServerInfo.$Shape): raftctl.admin.v1.ServerInfo & raftctl.admin.v1.ServerInfo.$Shape;
                static create(properties?: raftctl.admin.v1.ServerInfo.$Properties): raftctl.admin.v1.ServerInfo;

                /**
                 * Encodes the specified ServerInfo message. Does not implicitly {@link raftctl.admin.v1.ServerInfo.verify|verify} messages.
                 * @param message ServerInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.ServerInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ServerInfo message, length delimited. Does not implicitly {@link raftctl.admin.v1.ServerInfo.verify|verify} messages.
                 * @param message ServerInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.ServerInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ServerInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.ServerInfo & raftctl.admin.v1.ServerInfo.$Shape} ServerInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.ServerInfo & raftctl.admin.v1.ServerInfo.$Shape;

                /**
                 * Decodes a ServerInfo message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.ServerInfo & raftctl.admin.v1.ServerInfo.$Shape} ServerInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.ServerInfo & raftctl.admin.v1.ServerInfo.$Shape;

                /**
                 * Verifies a ServerInfo message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ServerInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ServerInfo
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.ServerInfo;

                /**
                 * Creates a plain object from a ServerInfo message. Also converts values to other types if specified.
                 * @param message ServerInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.ServerInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ServerInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ServerInfo
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ServerInfo {

                /** Properties of a ServerInfo. */
                interface $Properties {

                    /** ServerInfo version */
                    version?: (string|null);

                    /** ServerInfo nodeId */
                    nodeId?: (number|null);

                    /** ServerInfo clusterId */
                    clusterId?: (string|null);

                    /** ServerInfo apiVersion */
                    apiVersion?: (number|null);

                    /** ServerInfo features */
                    features?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ServerInfo. */
                type $Shape = raftctl.admin.v1.ServerInfo.$Properties;
            }

            /**
             * Properties of a GetNodeStatusRequest.
             * @deprecated Use raftctl.admin.v1.GetNodeStatusRequest.$Properties instead.
             */
            interface IGetNodeStatusRequest extends raftctl.admin.v1.GetNodeStatusRequest.$Properties {
            }

            /** Represents a GetNodeStatusRequest. */
            class GetNodeStatusRequest {

                /**
                 * Constructs a new GetNodeStatusRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.GetNodeStatusRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new GetNodeStatusRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns GetNodeStatusRequest instance
                 */
                static create(properties: raftctl.admin.v1.GetNodeStatusRequest.$Shape): raftctl.admin.v1.GetNodeStatusRequest & raftctl.admin.v1.GetNodeStatusRequest.$Shape;
                static create(properties?: raftctl.admin.v1.GetNodeStatusRequest.$Properties): raftctl.admin.v1.GetNodeStatusRequest;

                /**
                 * Encodes the specified GetNodeStatusRequest message. Does not implicitly {@link raftctl.admin.v1.GetNodeStatusRequest.verify|verify} messages.
                 * @param message GetNodeStatusRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.GetNodeStatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified GetNodeStatusRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.GetNodeStatusRequest.verify|verify} messages.
                 * @param message GetNodeStatusRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.GetNodeStatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a GetNodeStatusRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.GetNodeStatusRequest & raftctl.admin.v1.GetNodeStatusRequest.$Shape} GetNodeStatusRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.GetNodeStatusRequest & raftctl.admin.v1.GetNodeStatusRequest.$Shape;

                /**
                 * Decodes a GetNodeStatusRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.GetNodeStatusRequest & raftctl.admin.v1.GetNodeStatusRequest.$Shape} GetNodeStatusRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.GetNodeStatusRequest & raftctl.admin.v1.GetNodeStatusRequest.$Shape;

                /**
                 * Verifies a GetNodeStatusRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a GetNodeStatusRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns GetNodeStatusRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.GetNodeStatusRequest;

                /**
                 * Creates a plain object from a GetNodeStatusRequest message. Also converts values to other types if specified.
                 * @param message GetNodeStatusRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.GetNodeStatusRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this GetNodeStatusRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for GetNodeStatusRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace GetNodeStatusRequest {

                /** Properties of a GetNodeStatusRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a GetNodeStatusRequest. */
                type $Shape = raftctl.admin.v1.GetNodeStatusRequest.$Properties;
            }

            /**
             * Properties of a SnapshotInfo.
             * @deprecated Use raftctl.admin.v1.SnapshotInfo.$Properties instead.
             */
            interface ISnapshotInfo extends raftctl.admin.v1.SnapshotInfo.$Properties {
            }

            /** Represents a SnapshotInfo. */
            class SnapshotInfo {

                /**
                 * Constructs a new SnapshotInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.SnapshotInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotInfo index. */
                index: number;

                /** SnapshotInfo term. */
                term: number;

                /** SnapshotInfo bytes. */
                bytes: number;

                /** SnapshotInfo sha256. */
                sha256: string;

                /**
                 * Creates a new SnapshotInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotInfo instance
                 */
                static create(properties: raftctl.admin.v1.SnapshotInfo.$Shape): raftctl.admin.v1.SnapshotInfo & raftctl.admin.v1.SnapshotInfo.$Shape;
                static create(properties?: raftctl.admin.v1.SnapshotInfo.$Properties): raftctl.admin.v1.SnapshotInfo;

                /**
                 * Encodes the specified SnapshotInfo message. Does not implicitly {@link raftctl.admin.v1.SnapshotInfo.verify|verify} messages.
                 * @param message SnapshotInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.SnapshotInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SnapshotInfo message, length delimited. Does not implicitly {@link raftctl.admin.v1.SnapshotInfo.verify|verify} messages.
                 * @param message SnapshotInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.SnapshotInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.SnapshotInfo & raftctl.admin.v1.SnapshotInfo.$Shape} SnapshotInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.SnapshotInfo & raftctl.admin.v1.SnapshotInfo.$Shape;

                /**
                 * Decodes a SnapshotInfo message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.SnapshotInfo & raftctl.admin.v1.SnapshotInfo.$Shape} SnapshotInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.SnapshotInfo & raftctl.admin.v1.SnapshotInfo.$Shape;

                /**
                 * Verifies a SnapshotInfo message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SnapshotInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotInfo
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.SnapshotInfo;

                /**
                 * Creates a plain object from a SnapshotInfo message. Also converts values to other types if specified.
                 * @param message SnapshotInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.SnapshotInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SnapshotInfo
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SnapshotInfo {

                /** Properties of a SnapshotInfo. */
                interface $Properties {

                    /** SnapshotInfo index */
                    index?: (number|null);

                    /** SnapshotInfo term */
                    term?: (number|null);

                    /** SnapshotInfo bytes */
                    bytes?: (number|null);

                    /** SnapshotInfo sha256 */
                    sha256?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotInfo. */
                type $Shape = raftctl.admin.v1.SnapshotInfo.$Properties;
            }

            /**
             * Properties of a LearnerStatus.
             * @deprecated Use raftctl.admin.v1.LearnerStatus.$Properties instead.
             */
            interface ILearnerStatus extends raftctl.admin.v1.LearnerStatus.$Properties {
            }

            /** Represents a LearnerStatus. */
            class LearnerStatus {

                /**
                 * Constructs a new LearnerStatus.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.LearnerStatus.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LearnerStatus id. */
                id: number;

                /** LearnerStatus address. */
                address: string;

                /** LearnerStatus readOnly. */
                readOnly: boolean;

                /**
                 * Creates a new LearnerStatus instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LearnerStatus instance
                 */
                static create(properties: raftctl.admin.v1.LearnerStatus.$Shape): raftctl.admin.v1.LearnerStatus & raftctl.admin.v1.LearnerStatus.$Shape;
                static create(properties?: raftctl.admin.v1.LearnerStatus.$Properties): raftctl.admin.v1.LearnerStatus;

                /**
                 * Encodes the specified LearnerStatus message. Does not implicitly {@link raftctl.admin.v1.LearnerStatus.verify|verify} messages.
                 * @param message LearnerStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.LearnerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LearnerStatus message, length delimited. Does not implicitly {@link raftctl.admin.v1.LearnerStatus.verify|verify} messages.
                 * @param message LearnerStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.LearnerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LearnerStatus message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.LearnerStatus & raftctl.admin.v1.LearnerStatus.$Shape} LearnerStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.LearnerStatus & raftctl.admin.v1.LearnerStatus.$Shape;

                /**
                 * Decodes a LearnerStatus message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.LearnerStatus & raftctl.admin.v1.LearnerStatus.$Shape} LearnerStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.LearnerStatus & raftctl.admin.v1.LearnerStatus.$Shape;

                /**
                 * Verifies a LearnerStatus message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LearnerStatus message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LearnerStatus
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.LearnerStatus;

                /**
                 * Creates a plain object from a LearnerStatus message. Also converts values to other types if specified.
                 * @param message LearnerStatus
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.LearnerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LearnerStatus to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for LearnerStatus
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace LearnerStatus {

                /** Properties of a LearnerStatus. */
                interface $Properties {

                    /** LearnerStatus id */
                    id?: (number|null);

                    /** LearnerStatus address */
                    address?: (string|null);

                    /** LearnerStatus readOnly */
                    readOnly?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LearnerStatus. */
                type $Shape = raftctl.admin.v1.LearnerStatus.$Properties;
            }

            /**
             * Properties of a ConfigurationStatus.
             * @deprecated Use raftctl.admin.v1.ConfigurationStatus.$Properties instead.
             */
            interface IConfigurationStatus extends raftctl.admin.v1.ConfigurationStatus.$Properties {
            }

            /** Represents a ConfigurationStatus. */
            class ConfigurationStatus {

                /**
                 * Constructs a new ConfigurationStatus.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.ConfigurationStatus.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConfigurationStatus voters. */
                voters: number[];

                /** ConfigurationStatus votersOutgoing. */
                votersOutgoing: number[];

                /** ConfigurationStatus learners. */
                learners: raftctl.admin.v1.LearnerStatus.$Properties[];

                /**
                 * Creates a new ConfigurationStatus instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ConfigurationStatus instance
                 */
                static create(properties: raftctl.admin.v1.ConfigurationStatus.$Shape): raftctl.admin.v1.ConfigurationStatus & raftctl.admin.v1.ConfigurationStatus.$Shape;
                static create(properties?: raftctl.admin.v1.ConfigurationStatus.$Properties): raftctl.admin.v1.ConfigurationStatus;

                /**
                 * Encodes the specified ConfigurationStatus message. Does not implicitly {@link raftctl.admin.v1.ConfigurationStatus.verify|verify} messages.
                 * @param message ConfigurationStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.ConfigurationStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ConfigurationStatus message, length delimited. Does not implicitly {@link raftctl.admin.v1.ConfigurationStatus.verify|verify} messages.
                 * @param message ConfigurationStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.ConfigurationStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConfigurationStatus message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.ConfigurationStatus & raftctl.admin.v1.ConfigurationStatus.$Shape} ConfigurationStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.ConfigurationStatus & raftctl.admin.v1.ConfigurationStatus.$Shape;

                /**
                 * Decodes a ConfigurationStatus message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.ConfigurationStatus & raftctl.admin.v1.ConfigurationStatus.$Shape} ConfigurationStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.ConfigurationStatus & raftctl.admin.v1.ConfigurationStatus.$Shape;

                /**
                 * Verifies a ConfigurationStatus message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ConfigurationStatus message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ConfigurationStatus
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.ConfigurationStatus;

                /**
                 * Creates a plain object from a ConfigurationStatus message. Also converts values to other types if specified.
                 * @param message ConfigurationStatus
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.ConfigurationStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ConfigurationStatus to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ConfigurationStatus
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ConfigurationStatus {

                /** Properties of a ConfigurationStatus. */
                interface $Properties {

                    /** ConfigurationStatus voters */
                    voters?: (number[]|null);

                    /** ConfigurationStatus votersOutgoing */
                    votersOutgoing?: (number[]|null);

                    /** ConfigurationStatus learners */
                    learners?: (raftctl.admin.v1.LearnerStatus.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConfigurationStatus. */
                type $Shape = raftctl.admin.v1.ConfigurationStatus.$Properties;
            }

            /** PeerState enum. */
            enum PeerState {

                /** PEER_STATE_UNSPECIFIED value */
                PEER_STATE_UNSPECIFIED = 0,

                /** PEER_STATE_PROBE value */
                PEER_STATE_PROBE = 1,

                /** PEER_STATE_REPLICATE value */
                PEER_STATE_REPLICATE = 2,

                /** PEER_STATE_SNAPSHOT value */
                PEER_STATE_SNAPSHOT = 3
            }

            /** Role enum. */
            enum Role {

                /** ROLE_UNSPECIFIED value */
                ROLE_UNSPECIFIED = 0,

                /** ROLE_FOLLOWER value */
                ROLE_FOLLOWER = 1,

                /** ROLE_CANDIDATE value */
                ROLE_CANDIDATE = 2,

                /** ROLE_LEADER value */
                ROLE_LEADER = 3,

                /** ROLE_LEARNER value */
                ROLE_LEARNER = 4,

                /** ROLE_PRE_CANDIDATE value */
                ROLE_PRE_CANDIDATE = 5
            }

            /**
             * Properties of a PeerStatus.
             * @deprecated Use raftctl.admin.v1.PeerStatus.$Properties instead.
             */
            interface IPeerStatus extends raftctl.admin.v1.PeerStatus.$Properties {
            }

            /** Represents a PeerStatus. */
            class PeerStatus {

                /**
                 * Constructs a new PeerStatus.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.PeerStatus.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PeerStatus id. */
                id: number;

                /** PeerStatus matchIndex. */
                matchIndex: number;

                /** PeerStatus nextIndex. */
                nextIndex: number;

                /** PeerStatus state. */
                state: raftctl.admin.v1.PeerState;

                /** PeerStatus inflight. */
                inflight: number;

                /** PeerStatus lastContactMs. */
                lastContactMs?: (number|null);

                /** PeerStatus lagEntries. */
                lagEntries: number;

                /**
                 * Creates a new PeerStatus instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PeerStatus instance
                 */
                static create(properties: raftctl.admin.v1.PeerStatus.$Shape): raftctl.admin.v1.PeerStatus & raftctl.admin.v1.PeerStatus.$Shape;
                static create(properties?: raftctl.admin.v1.PeerStatus.$Properties): raftctl.admin.v1.PeerStatus;

                /**
                 * Encodes the specified PeerStatus message. Does not implicitly {@link raftctl.admin.v1.PeerStatus.verify|verify} messages.
                 * @param message PeerStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.PeerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified PeerStatus message, length delimited. Does not implicitly {@link raftctl.admin.v1.PeerStatus.verify|verify} messages.
                 * @param message PeerStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.PeerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PeerStatus message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.PeerStatus & raftctl.admin.v1.PeerStatus.$Shape} PeerStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.PeerStatus & raftctl.admin.v1.PeerStatus.$Shape;

                /**
                 * Decodes a PeerStatus message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.PeerStatus & raftctl.admin.v1.PeerStatus.$Shape} PeerStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.PeerStatus & raftctl.admin.v1.PeerStatus.$Shape;

                /**
                 * Verifies a PeerStatus message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a PeerStatus message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns PeerStatus
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.PeerStatus;

                /**
                 * Creates a plain object from a PeerStatus message. Also converts values to other types if specified.
                 * @param message PeerStatus
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.PeerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this PeerStatus to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for PeerStatus
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PeerStatus {

                /** Properties of a PeerStatus. */
                interface $Properties {

                    /** PeerStatus id */
                    id?: (number|null);

                    /** PeerStatus matchIndex */
                    matchIndex?: (number|null);

                    /** PeerStatus nextIndex */
                    nextIndex?: (number|null);

                    /** PeerStatus state */
                    state?: (raftctl.admin.v1.PeerState|null);

                    /** PeerStatus inflight */
                    inflight?: (number|null);

                    /** PeerStatus lastContactMs */
                    lastContactMs?: (number|null);

                    /** PeerStatus lagEntries */
                    lagEntries?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PeerStatus. */
                type $Shape = raftctl.admin.v1.PeerStatus.$Properties;
            }

            /**
             * Properties of a NodeStatus.
             * @deprecated Use raftctl.admin.v1.NodeStatus.$Properties instead.
             */
            interface INodeStatus extends raftctl.admin.v1.NodeStatus.$Properties {
            }

            /** Represents a NodeStatus. */
            class NodeStatus {

                /**
                 * Constructs a new NodeStatus.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.NodeStatus.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** NodeStatus nodeId. */
                nodeId: number;

                /** NodeStatus role. */
                role: raftctl.admin.v1.Role;

                /** NodeStatus term. */
                term: number;

                /** NodeStatus votedFor. */
                votedFor?: (number|null);

                /** NodeStatus leaderId. */
                leaderId?: (number|null);

                /** NodeStatus commitIndex. */
                commitIndex: number;

                /** NodeStatus appliedIndex. */
                appliedIndex: number;

                /** NodeStatus firstLogIndex. */
                firstLogIndex: number;

                /** NodeStatus lastLogIndex. */
                lastLogIndex: number;

                /** NodeStatus lastLogTerm. */
                lastLogTerm: number;

                /** NodeStatus snapshot. */
                snapshot?: (raftctl.admin.v1.SnapshotInfo.$Properties|null);

                /** NodeStatus configuration. */
                configuration?: (raftctl.admin.v1.ConfigurationStatus.$Properties|null);

                /** NodeStatus configIndex. */
                configIndex: number;

                /** NodeStatus peers. */
                peers: raftctl.admin.v1.PeerStatus.$Properties[];

                /** NodeStatus address. */
                address: string;

                /**
                 * Creates a new NodeStatus instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns NodeStatus instance
                 */
                static create(properties: raftctl.admin.v1.NodeStatus.$Shape): raftctl.admin.v1.NodeStatus & raftctl.admin.v1.NodeStatus.$Shape;
                static create(properties?: raftctl.admin.v1.NodeStatus.$Properties): raftctl.admin.v1.NodeStatus;

                /**
                 * Encodes the specified NodeStatus message. Does not implicitly {@link raftctl.admin.v1.NodeStatus.verify|verify} messages.
                 * @param message NodeStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.NodeStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified NodeStatus message, length delimited. Does not implicitly {@link raftctl.admin.v1.NodeStatus.verify|verify} messages.
                 * @param message NodeStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.NodeStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a NodeStatus message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.NodeStatus & raftctl.admin.v1.NodeStatus.$Shape} NodeStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.NodeStatus & raftctl.admin.v1.NodeStatus.$Shape;

                /**
                 * Decodes a NodeStatus message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.NodeStatus & raftctl.admin.v1.NodeStatus.$Shape} NodeStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.NodeStatus & raftctl.admin.v1.NodeStatus.$Shape;

                /**
                 * Verifies a NodeStatus message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a NodeStatus message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns NodeStatus
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.NodeStatus;

                /**
                 * Creates a plain object from a NodeStatus message. Also converts values to other types if specified.
                 * @param message NodeStatus
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.NodeStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this NodeStatus to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for NodeStatus
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace NodeStatus {

                /** Properties of a NodeStatus. */
                interface $Properties {

                    /** NodeStatus nodeId */
                    nodeId?: (number|null);

                    /** NodeStatus role */
                    role?: (raftctl.admin.v1.Role|null);

                    /** NodeStatus term */
                    term?: (number|null);

                    /** NodeStatus votedFor */
                    votedFor?: (number|null);

                    /** NodeStatus leaderId */
                    leaderId?: (number|null);

                    /** NodeStatus commitIndex */
                    commitIndex?: (number|null);

                    /** NodeStatus appliedIndex */
                    appliedIndex?: (number|null);

                    /** NodeStatus firstLogIndex */
                    firstLogIndex?: (number|null);

                    /** NodeStatus lastLogIndex */
                    lastLogIndex?: (number|null);

                    /** NodeStatus lastLogTerm */
                    lastLogTerm?: (number|null);

                    /** NodeStatus snapshot */
                    snapshot?: (raftctl.admin.v1.SnapshotInfo.$Properties|null);

                    /** NodeStatus configuration */
                    configuration?: (raftctl.admin.v1.ConfigurationStatus.$Properties|null);

                    /** NodeStatus configIndex */
                    configIndex?: (number|null);

                    /** NodeStatus peers */
                    peers?: (raftctl.admin.v1.PeerStatus.$Properties[]|null);

                    /** NodeStatus address */
                    address?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a NodeStatus. */
                type $Shape = raftctl.admin.v1.NodeStatus.$Properties;
            }

            /**
             * Properties of a NewLearner.
             * @deprecated Use raftctl.admin.v1.NewLearner.$Properties instead.
             */
            interface INewLearner extends raftctl.admin.v1.NewLearner.$Properties {
            }

            /** Represents a NewLearner. */
            class NewLearner {

                /**
                 * Constructs a new NewLearner.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.NewLearner.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** NewLearner id. */
                id: number;

                /** NewLearner address. */
                address: string;

                /** NewLearner readOnly. */
                readOnly: boolean;

                /**
                 * Creates a new NewLearner instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns NewLearner instance
                 */
                static create(properties: raftctl.admin.v1.NewLearner.$Shape): raftctl.admin.v1.NewLearner & raftctl.admin.v1.NewLearner.$Shape;
                static create(properties?: raftctl.admin.v1.NewLearner.$Properties): raftctl.admin.v1.NewLearner;

                /**
                 * Encodes the specified NewLearner message. Does not implicitly {@link raftctl.admin.v1.NewLearner.verify|verify} messages.
                 * @param message NewLearner message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.NewLearner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified NewLearner message, length delimited. Does not implicitly {@link raftctl.admin.v1.NewLearner.verify|verify} messages.
                 * @param message NewLearner message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.NewLearner.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a NewLearner message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.NewLearner & raftctl.admin.v1.NewLearner.$Shape} NewLearner
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.NewLearner & raftctl.admin.v1.NewLearner.$Shape;

                /**
                 * Decodes a NewLearner message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.NewLearner & raftctl.admin.v1.NewLearner.$Shape} NewLearner
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.NewLearner & raftctl.admin.v1.NewLearner.$Shape;

                /**
                 * Verifies a NewLearner message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a NewLearner message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns NewLearner
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.NewLearner;

                /**
                 * Creates a plain object from a NewLearner message. Also converts values to other types if specified.
                 * @param message NewLearner
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.NewLearner, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this NewLearner to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for NewLearner
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace NewLearner {

                /** Properties of a NewLearner. */
                interface $Properties {

                    /** NewLearner id */
                    id?: (number|null);

                    /** NewLearner address */
                    address?: (string|null);

                    /** NewLearner readOnly */
                    readOnly?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a NewLearner. */
                type $Shape = raftctl.admin.v1.NewLearner.$Properties;
            }

            /**
             * Properties of a ChangeMembershipRequest.
             * @deprecated Use raftctl.admin.v1.ChangeMembershipRequest.$Properties instead.
             */
            interface IChangeMembershipRequest extends raftctl.admin.v1.ChangeMembershipRequest.$Properties {
            }

            /** Represents a ChangeMembershipRequest. */
            class ChangeMembershipRequest {

                /**
                 * Constructs a new ChangeMembershipRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.ChangeMembershipRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ChangeMembershipRequest addLearners. */
                addLearners: raftctl.admin.v1.NewLearner.$Properties[];

                /** ChangeMembershipRequest promote. */
                promote: number[];

                /** ChangeMembershipRequest remove. */
                remove: number[];

                /** ChangeMembershipRequest expectedConfigIndex. */
                expectedConfigIndex: number;

                /** ChangeMembershipRequest dryRun. */
                dryRun: boolean;

                /** ChangeMembershipRequest updateAddresses. */
                updateAddresses: { [k: string]: string };

                /**
                 * Creates a new ChangeMembershipRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ChangeMembershipRequest instance
                 */
                static create(properties: raftctl.admin.v1.ChangeMembershipRequest.$Shape): raftctl.admin.v1.ChangeMembershipRequest & raftctl.admin.v1.ChangeMembershipRequest.$Shape;
                static create(properties?: raftctl.admin.v1.ChangeMembershipRequest.$Properties): raftctl.admin.v1.ChangeMembershipRequest;

                /**
                 * Encodes the specified ChangeMembershipRequest message. Does not implicitly {@link raftctl.admin.v1.ChangeMembershipRequest.verify|verify} messages.
                 * @param message ChangeMembershipRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.ChangeMembershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ChangeMembershipRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.ChangeMembershipRequest.verify|verify} messages.
                 * @param message ChangeMembershipRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.ChangeMembershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ChangeMembershipRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.ChangeMembershipRequest & raftctl.admin.v1.ChangeMembershipRequest.$Shape} ChangeMembershipRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.ChangeMembershipRequest & raftctl.admin.v1.ChangeMembershipRequest.$Shape;

                /**
                 * Decodes a ChangeMembershipRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.ChangeMembershipRequest & raftctl.admin.v1.ChangeMembershipRequest.$Shape} ChangeMembershipRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.ChangeMembershipRequest & raftctl.admin.v1.ChangeMembershipRequest.$Shape;

                /**
                 * Verifies a ChangeMembershipRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ChangeMembershipRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ChangeMembershipRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.ChangeMembershipRequest;

                /**
                 * Creates a plain object from a ChangeMembershipRequest message. Also converts values to other types if specified.
                 * @param message ChangeMembershipRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.ChangeMembershipRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ChangeMembershipRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ChangeMembershipRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ChangeMembershipRequest {

                /** Properties of a ChangeMembershipRequest. */
                interface $Properties {

                    /** ChangeMembershipRequest addLearners */
                    addLearners?: (raftctl.admin.v1.NewLearner.$Properties[]|null);

                    /** ChangeMembershipRequest promote */
                    promote?: (number[]|null);

                    /** ChangeMembershipRequest remove */
                    remove?: (number[]|null);

                    /** ChangeMembershipRequest expectedConfigIndex */
                    expectedConfigIndex?: (number|null);

                    /** ChangeMembershipRequest dryRun */
                    dryRun?: (boolean|null);

                    /** ChangeMembershipRequest updateAddresses */
                    updateAddresses?: ({ [k: string]: string }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ChangeMembershipRequest. */
                type $Shape = raftctl.admin.v1.ChangeMembershipRequest.$Properties;
            }

            /**
             * Properties of a ChangeMembershipResponse.
             * @deprecated Use raftctl.admin.v1.ChangeMembershipResponse.$Properties instead.
             */
            interface IChangeMembershipResponse extends raftctl.admin.v1.ChangeMembershipResponse.$Properties {
            }

            /** Represents a ChangeMembershipResponse. */
            class ChangeMembershipResponse {

                /**
                 * Constructs a new ChangeMembershipResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.ChangeMembershipResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ChangeMembershipResponse jointIndex. */
                jointIndex: number;

                /** ChangeMembershipResponse finalIndex. */
                finalIndex: number;

                /** ChangeMembershipResponse configuration. */
                configuration?: (raftctl.raft.v1.Configuration.$Properties|null);

                /**
                 * Creates a new ChangeMembershipResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ChangeMembershipResponse instance
                 */
                static create(properties: raftctl.admin.v1.ChangeMembershipResponse.$Shape): raftctl.admin.v1.ChangeMembershipResponse & raftctl.admin.v1.ChangeMembershipResponse.$Shape;
                static create(properties?: raftctl.admin.v1.ChangeMembershipResponse.$Properties): raftctl.admin.v1.ChangeMembershipResponse;

                /**
                 * Encodes the specified ChangeMembershipResponse message. Does not implicitly {@link raftctl.admin.v1.ChangeMembershipResponse.verify|verify} messages.
                 * @param message ChangeMembershipResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.ChangeMembershipResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ChangeMembershipResponse message, length delimited. Does not implicitly {@link raftctl.admin.v1.ChangeMembershipResponse.verify|verify} messages.
                 * @param message ChangeMembershipResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.ChangeMembershipResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ChangeMembershipResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.ChangeMembershipResponse & raftctl.admin.v1.ChangeMembershipResponse.$Shape} ChangeMembershipResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.ChangeMembershipResponse & raftctl.admin.v1.ChangeMembershipResponse.$Shape;

                /**
                 * Decodes a ChangeMembershipResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.ChangeMembershipResponse & raftctl.admin.v1.ChangeMembershipResponse.$Shape} ChangeMembershipResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.ChangeMembershipResponse & raftctl.admin.v1.ChangeMembershipResponse.$Shape;

                /**
                 * Verifies a ChangeMembershipResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ChangeMembershipResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ChangeMembershipResponse
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.ChangeMembershipResponse;

                /**
                 * Creates a plain object from a ChangeMembershipResponse message. Also converts values to other types if specified.
                 * @param message ChangeMembershipResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.ChangeMembershipResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ChangeMembershipResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ChangeMembershipResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ChangeMembershipResponse {

                /** Properties of a ChangeMembershipResponse. */
                interface $Properties {

                    /** ChangeMembershipResponse jointIndex */
                    jointIndex?: (number|null);

                    /** ChangeMembershipResponse finalIndex */
                    finalIndex?: (number|null);

                    /** ChangeMembershipResponse configuration */
                    configuration?: (raftctl.raft.v1.Configuration.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ChangeMembershipResponse. */
                type $Shape = raftctl.admin.v1.ChangeMembershipResponse.$Properties;
            }

            /**
             * Properties of a TransferLeadershipRequest.
             * @deprecated Use raftctl.admin.v1.TransferLeadershipRequest.$Properties instead.
             */
            interface ITransferLeadershipRequest extends raftctl.admin.v1.TransferLeadershipRequest.$Properties {
            }

            /** Represents a TransferLeadershipRequest. */
            class TransferLeadershipRequest {

                /**
                 * Constructs a new TransferLeadershipRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.TransferLeadershipRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TransferLeadershipRequest targetId. */
                targetId: number;

                /**
                 * Creates a new TransferLeadershipRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TransferLeadershipRequest instance
                 */
                static create(properties: raftctl.admin.v1.TransferLeadershipRequest.$Shape): raftctl.admin.v1.TransferLeadershipRequest & raftctl.admin.v1.TransferLeadershipRequest.$Shape;
                static create(properties?: raftctl.admin.v1.TransferLeadershipRequest.$Properties): raftctl.admin.v1.TransferLeadershipRequest;

                /**
                 * Encodes the specified TransferLeadershipRequest message. Does not implicitly {@link raftctl.admin.v1.TransferLeadershipRequest.verify|verify} messages.
                 * @param message TransferLeadershipRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.TransferLeadershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TransferLeadershipRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.TransferLeadershipRequest.verify|verify} messages.
                 * @param message TransferLeadershipRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.TransferLeadershipRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TransferLeadershipRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.TransferLeadershipRequest & raftctl.admin.v1.TransferLeadershipRequest.$Shape} TransferLeadershipRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.TransferLeadershipRequest & raftctl.admin.v1.TransferLeadershipRequest.$Shape;

                /**
                 * Decodes a TransferLeadershipRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.TransferLeadershipRequest & raftctl.admin.v1.TransferLeadershipRequest.$Shape} TransferLeadershipRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.TransferLeadershipRequest & raftctl.admin.v1.TransferLeadershipRequest.$Shape;

                /**
                 * Verifies a TransferLeadershipRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TransferLeadershipRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TransferLeadershipRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.TransferLeadershipRequest;

                /**
                 * Creates a plain object from a TransferLeadershipRequest message. Also converts values to other types if specified.
                 * @param message TransferLeadershipRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.TransferLeadershipRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TransferLeadershipRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TransferLeadershipRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TransferLeadershipRequest {

                /** Properties of a TransferLeadershipRequest. */
                interface $Properties {

                    /** TransferLeadershipRequest targetId */
                    targetId?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TransferLeadershipRequest. */
                type $Shape = raftctl.admin.v1.TransferLeadershipRequest.$Properties;
            }

            /**
             * Properties of a TransferLeadershipResponse.
             * @deprecated Use raftctl.admin.v1.TransferLeadershipResponse.$Properties instead.
             */
            interface ITransferLeadershipResponse extends raftctl.admin.v1.TransferLeadershipResponse.$Properties {
            }

            /** Represents a TransferLeadershipResponse. */
            class TransferLeadershipResponse {

                /**
                 * Constructs a new TransferLeadershipResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.TransferLeadershipResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TransferLeadershipResponse leaderId. */
                leaderId: number;

                /** TransferLeadershipResponse term. */
                term: number;

                /**
                 * Creates a new TransferLeadershipResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TransferLeadershipResponse instance
                 */
                static create(properties: raftctl.admin.v1.TransferLeadershipResponse.$Shape): raftctl.admin.v1.TransferLeadershipResponse & raftctl.admin.v1.TransferLeadershipResponse.$Shape;
                static create(properties?: raftctl.admin.v1.TransferLeadershipResponse.$Properties): raftctl.admin.v1.TransferLeadershipResponse;

                /**
                 * Encodes the specified TransferLeadershipResponse message. Does not implicitly {@link raftctl.admin.v1.TransferLeadershipResponse.verify|verify} messages.
                 * @param message TransferLeadershipResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.TransferLeadershipResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TransferLeadershipResponse message, length delimited. Does not implicitly {@link raftctl.admin.v1.TransferLeadershipResponse.verify|verify} messages.
                 * @param message TransferLeadershipResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.TransferLeadershipResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TransferLeadershipResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.TransferLeadershipResponse & raftctl.admin.v1.TransferLeadershipResponse.$Shape} TransferLeadershipResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.TransferLeadershipResponse & raftctl.admin.v1.TransferLeadershipResponse.$Shape;

                /**
                 * Decodes a TransferLeadershipResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.TransferLeadershipResponse & raftctl.admin.v1.TransferLeadershipResponse.$Shape} TransferLeadershipResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.TransferLeadershipResponse & raftctl.admin.v1.TransferLeadershipResponse.$Shape;

                /**
                 * Verifies a TransferLeadershipResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TransferLeadershipResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TransferLeadershipResponse
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.TransferLeadershipResponse;

                /**
                 * Creates a plain object from a TransferLeadershipResponse message. Also converts values to other types if specified.
                 * @param message TransferLeadershipResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.TransferLeadershipResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TransferLeadershipResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TransferLeadershipResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TransferLeadershipResponse {

                /** Properties of a TransferLeadershipResponse. */
                interface $Properties {

                    /** TransferLeadershipResponse leaderId */
                    leaderId?: (number|null);

                    /** TransferLeadershipResponse term */
                    term?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TransferLeadershipResponse. */
                type $Shape = raftctl.admin.v1.TransferLeadershipResponse.$Properties;
            }

            /**
             * Properties of a TriggerSnapshotRequest.
             * @deprecated Use raftctl.admin.v1.TriggerSnapshotRequest.$Properties instead.
             */
            interface ITriggerSnapshotRequest extends raftctl.admin.v1.TriggerSnapshotRequest.$Properties {
            }

            /** Represents a TriggerSnapshotRequest. */
            class TriggerSnapshotRequest {

                /**
                 * Constructs a new TriggerSnapshotRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.TriggerSnapshotRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new TriggerSnapshotRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TriggerSnapshotRequest instance
                 */
                static create(properties: raftctl.admin.v1.TriggerSnapshotRequest.$Shape): raftctl.admin.v1.TriggerSnapshotRequest & raftctl.admin.v1.TriggerSnapshotRequest.$Shape;
                static create(properties?: raftctl.admin.v1.TriggerSnapshotRequest.$Properties): raftctl.admin.v1.TriggerSnapshotRequest;

                /**
                 * Encodes the specified TriggerSnapshotRequest message. Does not implicitly {@link raftctl.admin.v1.TriggerSnapshotRequest.verify|verify} messages.
                 * @param message TriggerSnapshotRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.TriggerSnapshotRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TriggerSnapshotRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.TriggerSnapshotRequest.verify|verify} messages.
                 * @param message TriggerSnapshotRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.TriggerSnapshotRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TriggerSnapshotRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.TriggerSnapshotRequest & raftctl.admin.v1.TriggerSnapshotRequest.$Shape} TriggerSnapshotRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.TriggerSnapshotRequest & raftctl.admin.v1.TriggerSnapshotRequest.$Shape;

                /**
                 * Decodes a TriggerSnapshotRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.TriggerSnapshotRequest & raftctl.admin.v1.TriggerSnapshotRequest.$Shape} TriggerSnapshotRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.TriggerSnapshotRequest & raftctl.admin.v1.TriggerSnapshotRequest.$Shape;

                /**
                 * Verifies a TriggerSnapshotRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TriggerSnapshotRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TriggerSnapshotRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.TriggerSnapshotRequest;

                /**
                 * Creates a plain object from a TriggerSnapshotRequest message. Also converts values to other types if specified.
                 * @param message TriggerSnapshotRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.TriggerSnapshotRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TriggerSnapshotRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TriggerSnapshotRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TriggerSnapshotRequest {

                /** Properties of a TriggerSnapshotRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TriggerSnapshotRequest. */
                type $Shape = raftctl.admin.v1.TriggerSnapshotRequest.$Properties;
            }

            /**
             * Properties of a SendSnapshotRequest.
             * @deprecated Use raftctl.admin.v1.SendSnapshotRequest.$Properties instead.
             */
            interface ISendSnapshotRequest extends raftctl.admin.v1.SendSnapshotRequest.$Properties {
            }

            /** Represents a SendSnapshotRequest. */
            class SendSnapshotRequest {

                /**
                 * Constructs a new SendSnapshotRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.SendSnapshotRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SendSnapshotRequest peerId. */
                peerId: number;

                /**
                 * Creates a new SendSnapshotRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SendSnapshotRequest instance
                 */
                static create(properties: raftctl.admin.v1.SendSnapshotRequest.$Shape): raftctl.admin.v1.SendSnapshotRequest & raftctl.admin.v1.SendSnapshotRequest.$Shape;
                static create(properties?: raftctl.admin.v1.SendSnapshotRequest.$Properties): raftctl.admin.v1.SendSnapshotRequest;

                /**
                 * Encodes the specified SendSnapshotRequest message. Does not implicitly {@link raftctl.admin.v1.SendSnapshotRequest.verify|verify} messages.
                 * @param message SendSnapshotRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.SendSnapshotRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SendSnapshotRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.SendSnapshotRequest.verify|verify} messages.
                 * @param message SendSnapshotRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.SendSnapshotRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SendSnapshotRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.SendSnapshotRequest & raftctl.admin.v1.SendSnapshotRequest.$Shape} SendSnapshotRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.SendSnapshotRequest & raftctl.admin.v1.SendSnapshotRequest.$Shape;

                /**
                 * Decodes a SendSnapshotRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.SendSnapshotRequest & raftctl.admin.v1.SendSnapshotRequest.$Shape} SendSnapshotRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.SendSnapshotRequest & raftctl.admin.v1.SendSnapshotRequest.$Shape;

                /**
                 * Verifies a SendSnapshotRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SendSnapshotRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SendSnapshotRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.SendSnapshotRequest;

                /**
                 * Creates a plain object from a SendSnapshotRequest message. Also converts values to other types if specified.
                 * @param message SendSnapshotRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.SendSnapshotRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SendSnapshotRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SendSnapshotRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SendSnapshotRequest {

                /** Properties of a SendSnapshotRequest. */
                interface $Properties {

                    /** SendSnapshotRequest peerId */
                    peerId?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SendSnapshotRequest. */
                type $Shape = raftctl.admin.v1.SendSnapshotRequest.$Properties;
            }

            /**
             * Properties of a SendSnapshotResponse.
             * @deprecated Use raftctl.admin.v1.SendSnapshotResponse.$Properties instead.
             */
            interface ISendSnapshotResponse extends raftctl.admin.v1.SendSnapshotResponse.$Properties {
            }

            /** Represents a SendSnapshotResponse. */
            class SendSnapshotResponse {

                /**
                 * Constructs a new SendSnapshotResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.SendSnapshotResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SendSnapshotResponse snapshot. */
                snapshot?: (raftctl.admin.v1.SnapshotInfo.$Properties|null);

                /**
                 * Creates a new SendSnapshotResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SendSnapshotResponse instance
                 */
                static create(properties: raftctl.admin.v1.SendSnapshotResponse.$Shape): raftctl.admin.v1.SendSnapshotResponse & raftctl.admin.v1.SendSnapshotResponse.$Shape;
                static create(properties?: raftctl.admin.v1.SendSnapshotResponse.$Properties): raftctl.admin.v1.SendSnapshotResponse;

                /**
                 * Encodes the specified SendSnapshotResponse message. Does not implicitly {@link raftctl.admin.v1.SendSnapshotResponse.verify|verify} messages.
                 * @param message SendSnapshotResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.SendSnapshotResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified SendSnapshotResponse message, length delimited. Does not implicitly {@link raftctl.admin.v1.SendSnapshotResponse.verify|verify} messages.
                 * @param message SendSnapshotResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.SendSnapshotResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SendSnapshotResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.SendSnapshotResponse & raftctl.admin.v1.SendSnapshotResponse.$Shape} SendSnapshotResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.SendSnapshotResponse & raftctl.admin.v1.SendSnapshotResponse.$Shape;

                /**
                 * Decodes a SendSnapshotResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.SendSnapshotResponse & raftctl.admin.v1.SendSnapshotResponse.$Shape} SendSnapshotResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.SendSnapshotResponse & raftctl.admin.v1.SendSnapshotResponse.$Shape;

                /**
                 * Verifies a SendSnapshotResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a SendSnapshotResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SendSnapshotResponse
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.SendSnapshotResponse;

                /**
                 * Creates a plain object from a SendSnapshotResponse message. Also converts values to other types if specified.
                 * @param message SendSnapshotResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.SendSnapshotResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SendSnapshotResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for SendSnapshotResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace SendSnapshotResponse {

                /** Properties of a SendSnapshotResponse. */
                interface $Properties {

                    /** SendSnapshotResponse snapshot */
                    snapshot?: (raftctl.admin.v1.SnapshotInfo.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SendSnapshotResponse. */
                type $Shape = raftctl.admin.v1.SendSnapshotResponse.$Properties;
            }

            /**
             * Properties of a TailEntriesRequest.
             * @deprecated Use raftctl.admin.v1.TailEntriesRequest.$Properties instead.
             */
            interface ITailEntriesRequest extends raftctl.admin.v1.TailEntriesRequest.$Properties {
            }

            /** Represents a TailEntriesRequest. */
            class TailEntriesRequest {

                /**
                 * Constructs a new TailEntriesRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.TailEntriesRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TailEntriesRequest fromIndex. */
                fromIndex: number;

                /** TailEntriesRequest follow. */
                follow: boolean;

                /**
                 * Creates a new TailEntriesRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TailEntriesRequest instance
                 */
                static create(properties: raftctl.admin.v1.TailEntriesRequest.$Shape): raftctl.admin.v1.TailEntriesRequest & raftctl.admin.v1.TailEntriesRequest.$Shape;
                static create(properties?: raftctl.admin.v1.TailEntriesRequest.$Properties): raftctl.admin.v1.TailEntriesRequest;

                /**
                 * Encodes the specified TailEntriesRequest message. Does not implicitly {@link raftctl.admin.v1.TailEntriesRequest.verify|verify} messages.
                 * @param message TailEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.TailEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TailEntriesRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.TailEntriesRequest.verify|verify} messages.
                 * @param message TailEntriesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.TailEntriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TailEntriesRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.TailEntriesRequest & raftctl.admin.v1.TailEntriesRequest.$Shape} TailEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.TailEntriesRequest & raftctl.admin.v1.TailEntriesRequest.$Shape;

                /**
                 * Decodes a TailEntriesRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.TailEntriesRequest & raftctl.admin.v1.TailEntriesRequest.$Shape} TailEntriesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.TailEntriesRequest & raftctl.admin.v1.TailEntriesRequest.$Shape;

                /**
                 * Verifies a TailEntriesRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TailEntriesRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TailEntriesRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.TailEntriesRequest;

                /**
                 * Creates a plain object from a TailEntriesRequest message. Also converts values to other types if specified.
                 * @param message TailEntriesRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.TailEntriesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TailEntriesRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TailEntriesRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TailEntriesRequest {

                /** Properties of a TailEntriesRequest. */
                interface $Properties {

                    /** TailEntriesRequest fromIndex */
                    fromIndex?: (number|null);

                    /** TailEntriesRequest follow */
                    follow?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TailEntriesRequest. */
                type $Shape = raftctl.admin.v1.TailEntriesRequest.$Properties;
            }

            /**
             * Properties of a TailEntriesResponse.
             * @deprecated Use raftctl.admin.v1.TailEntriesResponse.$Properties instead.
             */
            interface ITailEntriesResponse extends raftctl.admin.v1.TailEntriesResponse.$Properties {
            }

            /** Represents a TailEntriesResponse. */
            class TailEntriesResponse {

                /**
                 * Constructs a new TailEntriesResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.TailEntriesResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TailEntriesResponse entry. */
                entry?: (raftctl.raft.v1.Entry.$Properties|null);

                /** TailEntriesResponse commitIndex. */
                commitIndex: number;

                /**
                 * Creates a new TailEntriesResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TailEntriesResponse instance
                 */
                static create(properties: raftctl.admin.v1.TailEntriesResponse.$Shape): raftctl.admin.v1.TailEntriesResponse & raftctl.admin.v1.TailEntriesResponse.$Shape;
                static create(properties?: raftctl.admin.v1.TailEntriesResponse.$Properties): raftctl.admin.v1.TailEntriesResponse;

                /**
                 * Encodes the specified TailEntriesResponse message. Does not implicitly {@link raftctl.admin.v1.TailEntriesResponse.verify|verify} messages.
                 * @param message TailEntriesResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.TailEntriesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TailEntriesResponse message, length delimited. Does not implicitly {@link raftctl.admin.v1.TailEntriesResponse.verify|verify} messages.
                 * @param message TailEntriesResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.TailEntriesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TailEntriesResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.TailEntriesResponse & raftctl.admin.v1.TailEntriesResponse.$Shape} TailEntriesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.TailEntriesResponse & raftctl.admin.v1.TailEntriesResponse.$Shape;

                /**
                 * Decodes a TailEntriesResponse message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.TailEntriesResponse & raftctl.admin.v1.TailEntriesResponse.$Shape} TailEntriesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.TailEntriesResponse & raftctl.admin.v1.TailEntriesResponse.$Shape;

                /**
                 * Verifies a TailEntriesResponse message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TailEntriesResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TailEntriesResponse
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.TailEntriesResponse;

                /**
                 * Creates a plain object from a TailEntriesResponse message. Also converts values to other types if specified.
                 * @param message TailEntriesResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.TailEntriesResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TailEntriesResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for TailEntriesResponse
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace TailEntriesResponse {

                /** Properties of a TailEntriesResponse. */
                interface $Properties {

                    /** TailEntriesResponse entry */
                    entry?: (raftctl.raft.v1.Entry.$Properties|null);

                    /** TailEntriesResponse commitIndex */
                    commitIndex?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TailEntriesResponse. */
                type $Shape = {
                  entry?: raftctl.raft.v1.Entry.$Shape|null;
                  commitIndex?: number|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a WatchReplicationRequest.
             * @deprecated Use raftctl.admin.v1.WatchReplicationRequest.$Properties instead.
             */
            interface IWatchReplicationRequest extends raftctl.admin.v1.WatchReplicationRequest.$Properties {
            }

            /** Represents a WatchReplicationRequest. */
            class WatchReplicationRequest {

                /**
                 * Constructs a new WatchReplicationRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.WatchReplicationRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new WatchReplicationRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WatchReplicationRequest instance
                 */
                static create(properties: raftctl.admin.v1.WatchReplicationRequest.$Shape): raftctl.admin.v1.WatchReplicationRequest & raftctl.admin.v1.WatchReplicationRequest.$Shape;
                static create(properties?: raftctl.admin.v1.WatchReplicationRequest.$Properties): raftctl.admin.v1.WatchReplicationRequest;

                /**
                 * Encodes the specified WatchReplicationRequest message. Does not implicitly {@link raftctl.admin.v1.WatchReplicationRequest.verify|verify} messages.
                 * @param message WatchReplicationRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.WatchReplicationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified WatchReplicationRequest message, length delimited. Does not implicitly {@link raftctl.admin.v1.WatchReplicationRequest.verify|verify} messages.
                 * @param message WatchReplicationRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.WatchReplicationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WatchReplicationRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.WatchReplicationRequest & raftctl.admin.v1.WatchReplicationRequest.$Shape} WatchReplicationRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.WatchReplicationRequest & raftctl.admin.v1.WatchReplicationRequest.$Shape;

                /**
                 * Decodes a WatchReplicationRequest message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.WatchReplicationRequest & raftctl.admin.v1.WatchReplicationRequest.$Shape} WatchReplicationRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.WatchReplicationRequest & raftctl.admin.v1.WatchReplicationRequest.$Shape;

                /**
                 * Verifies a WatchReplicationRequest message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a WatchReplicationRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WatchReplicationRequest
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.WatchReplicationRequest;

                /**
                 * Creates a plain object from a WatchReplicationRequest message. Also converts values to other types if specified.
                 * @param message WatchReplicationRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.WatchReplicationRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WatchReplicationRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for WatchReplicationRequest
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace WatchReplicationRequest {

                /** Properties of a WatchReplicationRequest. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WatchReplicationRequest. */
                type $Shape = raftctl.admin.v1.WatchReplicationRequest.$Properties;
            }

            /** ReplicationEventKind enum. */
            enum ReplicationEventKind {

                /** REPLICATION_EVENT_KIND_UNSPECIFIED value */
                REPLICATION_EVENT_KIND_UNSPECIFIED = 0,

                /** REPLICATION_EVENT_KIND_SENT value */
                REPLICATION_EVENT_KIND_SENT = 1,

                /** REPLICATION_EVENT_KIND_ACKNOWLEDGED value */
                REPLICATION_EVENT_KIND_ACKNOWLEDGED = 2,

                /** REPLICATION_EVENT_KIND_CONFLICT value */
                REPLICATION_EVENT_KIND_CONFLICT = 3,

                /** REPLICATION_EVENT_KIND_SNAPSHOT_STARTED value */
                REPLICATION_EVENT_KIND_SNAPSHOT_STARTED = 4,

                /** REPLICATION_EVENT_KIND_SNAPSHOT_DONE value */
                REPLICATION_EVENT_KIND_SNAPSHOT_DONE = 5,

                /** REPLICATION_EVENT_KIND_STREAM_ERROR value */
                REPLICATION_EVENT_KIND_STREAM_ERROR = 6
            }

            /**
             * Properties of a ReplicationEvent.
             * @deprecated Use raftctl.admin.v1.ReplicationEvent.$Properties instead.
             */
            interface IReplicationEvent extends raftctl.admin.v1.ReplicationEvent.$Properties {
            }

            /** Represents a ReplicationEvent. */
            class ReplicationEvent {

                /**
                 * Constructs a new ReplicationEvent.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: raftctl.admin.v1.ReplicationEvent.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ReplicationEvent peerId. */
                peerId: number;

                /** ReplicationEvent kind. */
                kind: raftctl.admin.v1.ReplicationEventKind;

                /** ReplicationEvent matchIndex. */
                matchIndex: number;

                /** ReplicationEvent nextIndex. */
                nextIndex: number;

                /** ReplicationEvent lagEntries. */
                lagEntries: number;

                /** ReplicationEvent lagMs. */
                lagMs: number;

                /** ReplicationEvent bytes. */
                bytes: number;

                /** ReplicationEvent error. */
                error: string;

                /**
                 * Creates a new ReplicationEvent instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ReplicationEvent instance
                 */
                static create(properties: raftctl.admin.v1.ReplicationEvent.$Shape): raftctl.admin.v1.ReplicationEvent & raftctl.admin.v1.ReplicationEvent.$Shape;
                static create(properties?: raftctl.admin.v1.ReplicationEvent.$Properties): raftctl.admin.v1.ReplicationEvent;

                /**
                 * Encodes the specified ReplicationEvent message. Does not implicitly {@link raftctl.admin.v1.ReplicationEvent.verify|verify} messages.
                 * @param message ReplicationEvent message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: raftctl.admin.v1.ReplicationEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified ReplicationEvent message, length delimited. Does not implicitly {@link raftctl.admin.v1.ReplicationEvent.verify|verify} messages.
                 * @param message ReplicationEvent message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encodeDelimited(message: raftctl.admin.v1.ReplicationEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ReplicationEvent message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {raftctl.admin.v1.ReplicationEvent & raftctl.admin.v1.ReplicationEvent.$Shape} ReplicationEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftctl.admin.v1.ReplicationEvent & raftctl.admin.v1.ReplicationEvent.$Shape;

                /**
                 * Decodes a ReplicationEvent message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns {raftctl.admin.v1.ReplicationEvent & raftctl.admin.v1.ReplicationEvent.$Shape} ReplicationEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): raftctl.admin.v1.ReplicationEvent & raftctl.admin.v1.ReplicationEvent.$Shape;

                /**
                 * Verifies a ReplicationEvent message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ReplicationEvent message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ReplicationEvent
                 */
                static fromObject(object: { [k: string]: any }): raftctl.admin.v1.ReplicationEvent;

                /**
                 * Creates a plain object from a ReplicationEvent message. Also converts values to other types if specified.
                 * @param message ReplicationEvent
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: raftctl.admin.v1.ReplicationEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ReplicationEvent to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ReplicationEvent
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ReplicationEvent {

                /** Properties of a ReplicationEvent. */
                interface $Properties {

                    /** ReplicationEvent peerId */
                    peerId?: (number|null);

                    /** ReplicationEvent kind */
                    kind?: (raftctl.admin.v1.ReplicationEventKind|null);

                    /** ReplicationEvent matchIndex */
                    matchIndex?: (number|null);

                    /** ReplicationEvent nextIndex */
                    nextIndex?: (number|null);

                    /** ReplicationEvent lagEntries */
                    lagEntries?: (number|null);

                    /** ReplicationEvent lagMs */
                    lagMs?: (number|null);

                    /** ReplicationEvent bytes */
                    bytes?: (number|null);

                    /** ReplicationEvent error */
                    error?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ReplicationEvent. */
                type $Shape = raftctl.admin.v1.ReplicationEvent.$Properties;
            }

            /** Represents an Admin */
            class Admin extends $protobuf.rpc.Service {

                /**
                 * Constructs a new Admin service.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 */
                constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

                /**
                 * Creates new Admin service using the specified rpc implementation.
                 * @param rpcImpl RPC implementation
                 * @param [requestDelimited=false] Whether requests are length-delimited
                 * @param [responseDelimited=false] Whether responses are length-delimited
                 * @returns RPC service. Useful where requests and/or responses are streamed.
                 */
                static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Admin;

                /** Calls GetServerInfo. */
                getServerInfo: raftctl.admin.v1.Admin.GetServerInfo;

                /** Calls GetNodeStatus. */
                getNodeStatus: raftctl.admin.v1.Admin.GetNodeStatus;

                /** Calls ChangeMembership. */
                changeMembership: raftctl.admin.v1.Admin.ChangeMembership;

                /** Calls TransferLeadership. */
                transferLeadership: raftctl.admin.v1.Admin.TransferLeadership;

                /** Calls TriggerSnapshot. */
                triggerSnapshot: raftctl.admin.v1.Admin.TriggerSnapshot;

                /** Calls SendSnapshot. */
                sendSnapshot: raftctl.admin.v1.Admin.SendSnapshot;

                /** Calls TailEntries. */
                tailEntries: raftctl.admin.v1.Admin.TailEntries;

                /** Calls WatchReplication. */
                watchReplication: raftctl.admin.v1.Admin.WatchReplication;
            }

            namespace Admin {

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#getServerInfo}.
                 * @param error Error, if any
                 * @param [response] ServerInfo
                 */
                type GetServerInfoCallback = (error: (Error|null), response?: raftctl.admin.v1.ServerInfo) => void;

                /** Calls GetServerInfo. */
                type GetServerInfo = {
                  (request: raftctl.admin.v1.IGetServerInfoRequest, callback: raftctl.admin.v1.Admin.GetServerInfoCallback): void;
                  (request: raftctl.admin.v1.IGetServerInfoRequest): Promise<raftctl.admin.v1.ServerInfo>;
                  readonly name: "GetServerInfo";
                  readonly path: "/raftctl.admin.v1.Admin/GetServerInfo";
                  readonly requestType: "GetServerInfoRequest";
                  readonly responseType: "ServerInfo";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#getNodeStatus}.
                 * @param error Error, if any
                 * @param [response] NodeStatus
                 */
                type GetNodeStatusCallback = (error: (Error|null), response?: raftctl.admin.v1.NodeStatus) => void;

                /** Calls GetNodeStatus. */
                type GetNodeStatus = {
                  (request: raftctl.admin.v1.IGetNodeStatusRequest, callback: raftctl.admin.v1.Admin.GetNodeStatusCallback): void;
                  (request: raftctl.admin.v1.IGetNodeStatusRequest): Promise<raftctl.admin.v1.NodeStatus>;
                  readonly name: "GetNodeStatus";
                  readonly path: "/raftctl.admin.v1.Admin/GetNodeStatus";
                  readonly requestType: "GetNodeStatusRequest";
                  readonly responseType: "NodeStatus";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#changeMembership}.
                 * @param error Error, if any
                 * @param [response] ChangeMembershipResponse
                 */
                type ChangeMembershipCallback = (error: (Error|null), response?: raftctl.admin.v1.ChangeMembershipResponse) => void;

                /** Calls ChangeMembership. */
                type ChangeMembership = {
                  (request: raftctl.admin.v1.IChangeMembershipRequest, callback: raftctl.admin.v1.Admin.ChangeMembershipCallback): void;
                  (request: raftctl.admin.v1.IChangeMembershipRequest): Promise<raftctl.admin.v1.ChangeMembershipResponse>;
                  readonly name: "ChangeMembership";
                  readonly path: "/raftctl.admin.v1.Admin/ChangeMembership";
                  readonly requestType: "ChangeMembershipRequest";
                  readonly responseType: "ChangeMembershipResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#transferLeadership}.
                 * @param error Error, if any
                 * @param [response] TransferLeadershipResponse
                 */
                type TransferLeadershipCallback = (error: (Error|null), response?: raftctl.admin.v1.TransferLeadershipResponse) => void;

                /** Calls TransferLeadership. */
                type TransferLeadership = {
                  (request: raftctl.admin.v1.ITransferLeadershipRequest, callback: raftctl.admin.v1.Admin.TransferLeadershipCallback): void;
                  (request: raftctl.admin.v1.ITransferLeadershipRequest): Promise<raftctl.admin.v1.TransferLeadershipResponse>;
                  readonly name: "TransferLeadership";
                  readonly path: "/raftctl.admin.v1.Admin/TransferLeadership";
                  readonly requestType: "TransferLeadershipRequest";
                  readonly responseType: "TransferLeadershipResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#triggerSnapshot}.
                 * @param error Error, if any
                 * @param [response] SnapshotInfo
                 */
                type TriggerSnapshotCallback = (error: (Error|null), response?: raftctl.admin.v1.SnapshotInfo) => void;

                /** Calls TriggerSnapshot. */
                type TriggerSnapshot = {
                  (request: raftctl.admin.v1.ITriggerSnapshotRequest, callback: raftctl.admin.v1.Admin.TriggerSnapshotCallback): void;
                  (request: raftctl.admin.v1.ITriggerSnapshotRequest): Promise<raftctl.admin.v1.SnapshotInfo>;
                  readonly name: "TriggerSnapshot";
                  readonly path: "/raftctl.admin.v1.Admin/TriggerSnapshot";
                  readonly requestType: "TriggerSnapshotRequest";
                  readonly responseType: "SnapshotInfo";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#sendSnapshot}.
                 * @param error Error, if any
                 * @param [response] SendSnapshotResponse
                 */
                type SendSnapshotCallback = (error: (Error|null), response?: raftctl.admin.v1.SendSnapshotResponse) => void;

                /** Calls SendSnapshot. */
                type SendSnapshot = {
                  (request: raftctl.admin.v1.ISendSnapshotRequest, callback: raftctl.admin.v1.Admin.SendSnapshotCallback): void;
                  (request: raftctl.admin.v1.ISendSnapshotRequest): Promise<raftctl.admin.v1.SendSnapshotResponse>;
                  readonly name: "SendSnapshot";
                  readonly path: "/raftctl.admin.v1.Admin/SendSnapshot";
                  readonly requestType: "SendSnapshotRequest";
                  readonly responseType: "SendSnapshotResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: undefined;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#tailEntries}.
                 * @param error Error, if any
                 * @param [response] TailEntriesResponse
                 */
                type TailEntriesCallback = (error: (Error|null), response?: raftctl.admin.v1.TailEntriesResponse) => void;

                /** Calls TailEntries. */
                type TailEntries = {
                  (request: raftctl.admin.v1.ITailEntriesRequest, callback: raftctl.admin.v1.Admin.TailEntriesCallback): void;
                  (request: raftctl.admin.v1.ITailEntriesRequest): Promise<raftctl.admin.v1.TailEntriesResponse>;
                  readonly name: "TailEntries";
                  readonly path: "/raftctl.admin.v1.Admin/TailEntries";
                  readonly requestType: "TailEntriesRequest";
                  readonly responseType: "TailEntriesResponse";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };

                /**
                 * Callback as used by {@link raftctl.admin.v1.Admin#watchReplication}.
                 * @param error Error, if any
                 * @param [response] ReplicationEvent
                 */
                type WatchReplicationCallback = (error: (Error|null), response?: raftctl.admin.v1.ReplicationEvent) => void;

                /** Calls WatchReplication. */
                type WatchReplication = {
                  (request: raftctl.admin.v1.IWatchReplicationRequest, callback: raftctl.admin.v1.Admin.WatchReplicationCallback): void;
                  (request: raftctl.admin.v1.IWatchReplicationRequest): Promise<raftctl.admin.v1.ReplicationEvent>;
                  readonly name: "WatchReplication";
                  readonly path: "/raftctl.admin.v1.Admin/WatchReplication";
                  readonly requestType: "WatchReplicationRequest";
                  readonly responseType: "ReplicationEvent";
                  readonly requestStream: undefined;
                  readonly responseStream: true;
                };
            }
        }
    }
}

/** Namespace mvccpb. */
export namespace mvccpb {

    /**
     * Properties of a KeyValue.
     * @deprecated Use mvccpb.KeyValue.$Properties instead.
     */
    interface IKeyValue extends mvccpb.KeyValue.$Properties {
    }

    /** Represents a KeyValue. */
    class KeyValue {

        /**
         * Constructs a new KeyValue.
         * @param [properties] Properties to set
         */
        constructor(properties?: mvccpb.KeyValue.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** KeyValue key. */
        key: Uint8Array;

        /** KeyValue createRevision. */
        createRevision: number;

        /** KeyValue modRevision. */
        modRevision: number;

        /** KeyValue version. */
        version: number;

        /** KeyValue value. */
        value: Uint8Array;

        /**
         * Creates a new KeyValue instance using the specified properties.
         * @param [properties] Properties to set
         * @returns KeyValue instance
         */
        static create(properties: mvccpb.KeyValue.$Shape): mvccpb.KeyValue & mvccpb.KeyValue.$Shape;
        static create(properties?: mvccpb.KeyValue.$Properties): mvccpb.KeyValue;

        /**
         * Encodes the specified KeyValue message. Does not implicitly {@link mvccpb.KeyValue.verify|verify} messages.
         * @param message KeyValue message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: mvccpb.KeyValue.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified KeyValue message, length delimited. Does not implicitly {@link mvccpb.KeyValue.verify|verify} messages.
         * @param message KeyValue message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: mvccpb.KeyValue.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a KeyValue message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {mvccpb.KeyValue & mvccpb.KeyValue.$Shape} KeyValue
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): mvccpb.KeyValue & mvccpb.KeyValue.$Shape;

        /**
         * Decodes a KeyValue message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {mvccpb.KeyValue & mvccpb.KeyValue.$Shape} KeyValue
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): mvccpb.KeyValue & mvccpb.KeyValue.$Shape;

        /**
         * Verifies a KeyValue message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a KeyValue message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns KeyValue
         */
        static fromObject(object: { [k: string]: any }): mvccpb.KeyValue;

        /**
         * Creates a plain object from a KeyValue message. Also converts values to other types if specified.
         * @param message KeyValue
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: mvccpb.KeyValue, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this KeyValue to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for KeyValue
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace KeyValue {

        /** Properties of a KeyValue. */
        interface $Properties {

            /** KeyValue key */
            key?: (Uint8Array|null);

            /** KeyValue createRevision */
            createRevision?: (number|null);

            /** KeyValue modRevision */
            modRevision?: (number|null);

            /** KeyValue version */
            version?: (number|null);

            /** KeyValue value */
            value?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a KeyValue. */
        type $Shape = mvccpb.KeyValue.$Properties;
    }
}

/** Namespace etcdserverpb. */
export namespace etcdserverpb {

    /**
     * Properties of a ResponseHeader.
     * @deprecated Use etcdserverpb.ResponseHeader.$Properties instead.
     */
    interface IResponseHeader extends etcdserverpb.ResponseHeader.$Properties {
    }

    /** Represents a ResponseHeader. */
    class ResponseHeader {

        /**
         * Constructs a new ResponseHeader.
         * @param [properties] Properties to set
         */
        constructor(properties?: etcdserverpb.ResponseHeader.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ResponseHeader revision. */
        revision: number;

        /** ResponseHeader raftTerm. */
        raftTerm: number;

        /**
         * Creates a new ResponseHeader instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ResponseHeader instance
         */
        static create(properties: etcdserverpb.ResponseHeader.$Shape): etcdserverpb.ResponseHeader & etcdserverpb.ResponseHeader.$Shape;
        static create(properties?: etcdserverpb.ResponseHeader.$Properties): etcdserverpb.ResponseHeader;

        /**
         * Encodes the specified ResponseHeader message. Does not implicitly {@link etcdserverpb.ResponseHeader.verify|verify} messages.
         * @param message ResponseHeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: etcdserverpb.ResponseHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ResponseHeader message, length delimited. Does not implicitly {@link etcdserverpb.ResponseHeader.verify|verify} messages.
         * @param message ResponseHeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: etcdserverpb.ResponseHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ResponseHeader message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {etcdserverpb.ResponseHeader & etcdserverpb.ResponseHeader.$Shape} ResponseHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): etcdserverpb.ResponseHeader & etcdserverpb.ResponseHeader.$Shape;

        /**
         * Decodes a ResponseHeader message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {etcdserverpb.ResponseHeader & etcdserverpb.ResponseHeader.$Shape} ResponseHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): etcdserverpb.ResponseHeader & etcdserverpb.ResponseHeader.$Shape;

        /**
         * Verifies a ResponseHeader message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ResponseHeader message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ResponseHeader
         */
        static fromObject(object: { [k: string]: any }): etcdserverpb.ResponseHeader;

        /**
         * Creates a plain object from a ResponseHeader message. Also converts values to other types if specified.
         * @param message ResponseHeader
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: etcdserverpb.ResponseHeader, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ResponseHeader to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ResponseHeader
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ResponseHeader {

        /** Properties of a ResponseHeader. */
        interface $Properties {

            /** ResponseHeader revision */
            revision?: (number|null);

            /** ResponseHeader raftTerm */
            raftTerm?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ResponseHeader. */
        type $Shape = etcdserverpb.ResponseHeader.$Properties;
    }

    /**
     * Properties of a RangeRequest.
     * @deprecated Use etcdserverpb.RangeRequest.$Properties instead.
     */
    interface IRangeRequest extends etcdserverpb.RangeRequest.$Properties {
    }

    /** Represents a RangeRequest. */
    class RangeRequest {

        /**
         * Constructs a new RangeRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: etcdserverpb.RangeRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RangeRequest key. */
        key: Uint8Array;

        /** RangeRequest rangeEnd. */
        rangeEnd: Uint8Array;

        /** RangeRequest limit. */
        limit: number;

        /** RangeRequest revision. */
        revision: number;

        /** RangeRequest serializable. */
        serializable: boolean;

        /** RangeRequest keysOnly. */
        keysOnly: boolean;

        /** RangeRequest countOnly. */
        countOnly: boolean;

        /**
         * Creates a new RangeRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RangeRequest instance
         */
        static create(properties: etcdserverpb.RangeRequest.$Shape): etcdserverpb.RangeRequest & etcdserverpb.RangeRequest.$Shape;
        static create(properties?: etcdserverpb.RangeRequest.$Properties): etcdserverpb.RangeRequest;

        /**
         * Encodes the specified RangeRequest message. Does not implicitly {@link etcdserverpb.RangeRequest.verify|verify} messages.
         * @param message RangeRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: etcdserverpb.RangeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified RangeRequest message, length delimited. Does not implicitly {@link etcdserverpb.RangeRequest.verify|verify} messages.
         * @param message RangeRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: etcdserverpb.RangeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RangeRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {etcdserverpb.RangeRequest & etcdserverpb.RangeRequest.$Shape} RangeRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): etcdserverpb.RangeRequest & etcdserverpb.RangeRequest.$Shape;

        /**
         * Decodes a RangeRequest message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {etcdserverpb.RangeRequest & etcdserverpb.RangeRequest.$Shape} RangeRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): etcdserverpb.RangeRequest & etcdserverpb.RangeRequest.$Shape;

        /**
         * Verifies a RangeRequest message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a RangeRequest message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns RangeRequest
         */
        static fromObject(object: { [k: string]: any }): etcdserverpb.RangeRequest;

        /**
         * Creates a plain object from a RangeRequest message. Also converts values to other types if specified.
         * @param message RangeRequest
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: etcdserverpb.RangeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RangeRequest to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RangeRequest
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RangeRequest {

        /** Properties of a RangeRequest. */
        interface $Properties {

            /** RangeRequest key */
            key?: (Uint8Array|null);

            /** RangeRequest rangeEnd */
            rangeEnd?: (Uint8Array|null);

            /** RangeRequest limit */
            limit?: (number|null);

            /** RangeRequest revision */
            revision?: (number|null);

            /** RangeRequest serializable */
            serializable?: (boolean|null);

            /** RangeRequest keysOnly */
            keysOnly?: (boolean|null);

            /** RangeRequest countOnly */
            countOnly?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RangeRequest. */
        type $Shape = etcdserverpb.RangeRequest.$Properties;
    }

    /**
     * Properties of a RangeResponse.
     * @deprecated Use etcdserverpb.RangeResponse.$Properties instead.
     */
    interface IRangeResponse extends etcdserverpb.RangeResponse.$Properties {
    }

    /** Represents a RangeResponse. */
    class RangeResponse {

        /**
         * Constructs a new RangeResponse.
         * @param [properties] Properties to set
         */
        constructor(properties?: etcdserverpb.RangeResponse.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RangeResponse header. */
        header?: (etcdserverpb.ResponseHeader.$Properties|null);

        /** RangeResponse kvs. */
        kvs: mvccpb.KeyValue.$Properties[];

        /** RangeResponse more. */
        more: boolean;

        /** RangeResponse count. */
        count: number;

        /**
         * Creates a new RangeResponse instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RangeResponse instance
         */
        static create(properties: etcdserverpb.RangeResponse.$Shape): etcdserverpb.RangeResponse & etcdserverpb.RangeResponse.$Shape;
        static create(properties?: etcdserverpb.RangeResponse.$Properties): etcdserverpb.RangeResponse;

        /**
         * Encodes the specified RangeResponse message. Does not implicitly {@link etcdserverpb.RangeResponse.verify|verify} messages.
         * @param message RangeResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: etcdserverpb.RangeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified RangeResponse message, length delimited. Does not implicitly {@link etcdserverpb.RangeResponse.verify|verify} messages.
         * @param message RangeResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: etcdserverpb.RangeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RangeResponse message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {etcdserverpb.RangeResponse & etcdserverpb.RangeResponse.$Shape} RangeResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): etcdserverpb.RangeResponse & etcdserverpb.RangeResponse.$Shape;

        /**
         * Decodes a RangeResponse message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {etcdserverpb.RangeResponse & etcdserverpb.RangeResponse.$Shape} RangeResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): etcdserverpb.RangeResponse & etcdserverpb.RangeResponse.$Shape;

        /**
         * Verifies a RangeResponse message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a RangeResponse message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns RangeResponse
         */
        static fromObject(object: { [k: string]: any }): etcdserverpb.RangeResponse;

        /**
         * Creates a plain object from a RangeResponse message. Also converts values to other types if specified.
         * @param message RangeResponse
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: etcdserverpb.RangeResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RangeResponse to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RangeResponse
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RangeResponse {

        /** Properties of a RangeResponse. */
        interface $Properties {

            /** RangeResponse header */
            header?: (etcdserverpb.ResponseHeader.$Properties|null);

            /** RangeResponse kvs */
            kvs?: (mvccpb.KeyValue.$Properties[]|null);

            /** RangeResponse more */
            more?: (boolean|null);

            /** RangeResponse count */
            count?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RangeResponse. */
        type $Shape = etcdserverpb.RangeResponse.$Properties;
    }

    /**
     * Properties of a PutRequest.
     * @deprecated Use etcdserverpb.PutRequest.$Properties instead.
     */
    interface IPutRequest extends etcdserverpb.PutRequest.$Properties {
    }

    /** Represents a PutRequest. */
    class PutRequest {

        /**
         * Constructs a new PutRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: etcdserverpb.PutRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** PutRequest key. */
        key: Uint8Array;

        /** PutRequest value. */
        value: Uint8Array;

        /** PutRequest lease. */
        lease: number;

        /** PutRequest prevKv. */
        prevKv: boolean;

        /** PutRequest ignoreValue. */
        ignoreValue: boolean;

        /** PutRequest ignoreLease. */
        ignoreLease: boolean;

        /**
         * Creates a new PutRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns PutRequest instance
         */
        static create(properties: etcdserverpb.PutRequest.$Shape): etcdserverpb.PutRequest & etcdserverpb.PutRequest.$Shape;
        static create(properties?: etcdserverpb.PutRequest.$Properties): etcdserverpb.PutRequest;

        /**
         * Encodes the specified PutRequest message. Does not implicitly {@link etcdserverpb.PutRequest.verify|verify} messages.
         * @param message PutRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: etcdserverpb.PutRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified PutRequest message, length delimited. Does not implicitly {@link etcdserverpb.PutRequest.verify|verify} messages.
         * @param message PutRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: etcdserverpb.PutRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a PutRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {etcdserverpb.PutRequest & etcdserverpb.PutRequest.$Shape} PutRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): etcdserverpb.PutRequest & etcdserverpb.PutRequest.$Shape;

        /**
         * Decodes a PutRequest message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {etcdserverpb.PutRequest & etcdserverpb.PutRequest.$Shape} PutRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): etcdserverpb.PutRequest & etcdserverpb.PutRequest.$Shape;

        /**
         * Verifies a PutRequest message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a PutRequest message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns PutRequest
         */
        static fromObject(object: { [k: string]: any }): etcdserverpb.PutRequest;

        /**
         * Creates a plain object from a PutRequest message. Also converts values to other types if specified.
         * @param message PutRequest
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: etcdserverpb.PutRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this PutRequest to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for PutRequest
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace PutRequest {

        /** Properties of a PutRequest. */
        interface $Properties {

            /** PutRequest key */
            key?: (Uint8Array|null);

            /** PutRequest value */
            value?: (Uint8Array|null);

            /** PutRequest lease */
            lease?: (number|null);

            /** PutRequest prevKv */
            prevKv?: (boolean|null);

            /** PutRequest ignoreValue */
            ignoreValue?: (boolean|null);

            /** PutRequest ignoreLease */
            ignoreLease?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a PutRequest. */
        type $Shape = etcdserverpb.PutRequest.$Properties;
    }

    /**
     * Properties of a PutResponse.
     * @deprecated Use etcdserverpb.PutResponse.$Properties instead.
     */
    interface IPutResponse extends etcdserverpb.PutResponse.$Properties {
    }

    /** Represents a PutResponse. */
    class PutResponse {

        /**
         * Constructs a new PutResponse.
         * @param [properties] Properties to set
         */
        constructor(properties?: etcdserverpb.PutResponse.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** PutResponse header. */
        header?: (etcdserverpb.ResponseHeader.$Properties|null);

        /** PutResponse prevKv. */
        prevKv?: (mvccpb.KeyValue.$Properties|null);

        /**
         * Creates a new PutResponse instance using the specified properties.
         * @param [properties] Properties to set
         * @returns PutResponse instance
         */
        static create(properties: etcdserverpb.PutResponse.$Shape): etcdserverpb.PutResponse & etcdserverpb.PutResponse.$Shape;
        static create(properties?: etcdserverpb.PutResponse.$Properties): etcdserverpb.PutResponse;

        /**
         * Encodes the specified PutResponse message. Does not implicitly {@link etcdserverpb.PutResponse.verify|verify} messages.
         * @param message PutResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: etcdserverpb.PutResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified PutResponse message, length delimited. Does not implicitly {@link etcdserverpb.PutResponse.verify|verify} messages.
         * @param message PutResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: etcdserverpb.PutResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a PutResponse message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {etcdserverpb.PutResponse & etcdserverpb.PutResponse.$Shape} PutResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): etcdserverpb.PutResponse & etcdserverpb.PutResponse.$Shape;

        /**
         * Decodes a PutResponse message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {etcdserverpb.PutResponse & etcdserverpb.PutResponse.$Shape} PutResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): etcdserverpb.PutResponse & etcdserverpb.PutResponse.$Shape;

        /**
         * Verifies a PutResponse message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a PutResponse message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns PutResponse
         */
        static fromObject(object: { [k: string]: any }): etcdserverpb.PutResponse;

        /**
         * Creates a plain object from a PutResponse message. Also converts values to other types if specified.
         * @param message PutResponse
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: etcdserverpb.PutResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this PutResponse to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for PutResponse
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace PutResponse {

        /** Properties of a PutResponse. */
        interface $Properties {

            /** PutResponse header */
            header?: (etcdserverpb.ResponseHeader.$Properties|null);

            /** PutResponse prevKv */
            prevKv?: (mvccpb.KeyValue.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a PutResponse. */
        type $Shape = etcdserverpb.PutResponse.$Properties;
    }

    /** Represents a KV */
    class KV extends $protobuf.rpc.Service {

        /**
         * Constructs a new KV service.
         * @param rpcImpl RPC implementation
         * @param [requestDelimited=false] Whether requests are length-delimited
         * @param [responseDelimited=false] Whether responses are length-delimited
         */
        constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

        /**
         * Creates new KV service using the specified rpc implementation.
         * @param rpcImpl RPC implementation
         * @param [requestDelimited=false] Whether requests are length-delimited
         * @param [responseDelimited=false] Whether responses are length-delimited
         * @returns RPC service. Useful where requests and/or responses are streamed.
         */
        static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): KV;

        /** Calls Range. */
        range: etcdserverpb.KV.Range;

        /** Calls Put. */
        put: etcdserverpb.KV.Put;
    }

    namespace KV {

        /**
         * Callback as used by {@link etcdserverpb.KV#range}.
         * @param error Error, if any
         * @param [response] RangeResponse
         */
        type RangeCallback = (error: (Error|null), response?: etcdserverpb.RangeResponse) => void;

        /** Calls Range. */
        type Range = {
          (request: etcdserverpb.IRangeRequest, callback: etcdserverpb.KV.RangeCallback): void;
          (request: etcdserverpb.IRangeRequest): Promise<etcdserverpb.RangeResponse>;
          readonly name: "Range";
          readonly path: "/etcdserverpb.KV/Range";
          readonly requestType: "RangeRequest";
          readonly responseType: "RangeResponse";
          readonly requestStream: undefined;
          readonly responseStream: undefined;
        };

        /**
         * Callback as used by {@link etcdserverpb.KV#put}.
         * @param error Error, if any
         * @param [response] PutResponse
         */
        type PutCallback = (error: (Error|null), response?: etcdserverpb.PutResponse) => void;

        /** Calls Put. */
        type Put = {
          (request: etcdserverpb.IPutRequest, callback: etcdserverpb.KV.PutCallback): void;
          (request: etcdserverpb.IPutRequest): Promise<etcdserverpb.PutResponse>;
          readonly name: "Put";
          readonly path: "/etcdserverpb.KV/Put";
          readonly requestType: "PutRequest";
          readonly responseType: "PutResponse";
          readonly requestStream: undefined;
          readonly responseStream: undefined;
        };
    }
}
