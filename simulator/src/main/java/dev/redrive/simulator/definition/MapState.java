package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.PayloadTemplate;
import dev.redrive.simulator.path.ReferencePath;
import java.util.Optional;

/**
 * A {@code Map} state, inline or distributed (without an item reader).
 *
 * @param processor {@code ItemProcessor} (or the legacy {@code Iterator})
 * @param distributed {@code ProcessorConfig.Mode: DISTRIBUTED}
 * @param itemsPath {@code ItemsPath} (JSONPath mode), default {@code $}
 * @param items {@code Items} (JSONata mode)
 * @param itemSelector {@code ItemSelector} or legacy {@code Parameters} (JSONPath mode)
 * @param itemSelectorRaw {@code ItemSelector} as written (JSONata mode)
 * @param maxConcurrency {@code MaxConcurrency}
 * @param maxConcurrencyPath {@code MaxConcurrencyPath}
 * @param toleratedFailureCount {@code ToleratedFailureCount}
 * @param toleratedFailureCountPath {@code ToleratedFailureCountPath}
 * @param toleratedFailurePercentage {@code ToleratedFailurePercentage}
 * @param toleratedFailurePercentagePath {@code ToleratedFailurePercentagePath}
 * @param itemBatcher {@code ItemBatcher}, as written
 * @param label {@code Label}
 * @param expressChildren {@code ProcessorConfig.ExecutionType: EXPRESS} (distributed only)
 */
public record MapState(
    StateCommon common,
    StateMachineDefinition processor,
    boolean distributed,
    Optional<ReferencePath> itemsPath,
    Optional<JsonNode> items,
    Optional<PayloadTemplate> itemSelector,
    Optional<JsonNode> itemSelectorRaw,
    Optional<JsonNode> maxConcurrency,
    Optional<ReferencePath> maxConcurrencyPath,
    Optional<JsonNode> toleratedFailureCount,
    Optional<ReferencePath> toleratedFailureCountPath,
    Optional<JsonNode> toleratedFailurePercentage,
    Optional<ReferencePath> toleratedFailurePercentagePath,
    Optional<JsonNode> itemBatcher,
    Optional<String> label,
    boolean expressChildren)
    implements State {}
