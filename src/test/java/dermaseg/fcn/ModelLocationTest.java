package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelLocationTest {
    @Test
    void bundledMeansTheDefaultBundledModelByName() throws Exception {
        ModelLocation byDefault = ModelLocation.of(ModelLocation.BUNDLED_NAME);
        assertSame(byDefault, ModelLocation.of("bundled:" + ModelLocation.DEFAULT_BUNDLED));
        assertSame(byDefault, ModelLocation.of(null));
        assertSame(byDefault, ModelLocation.bundled());
        assertEquals(ModelLocation.bundledCard().version, byDefault.readCard().version);
    }

    @Test
    void everyBundledModelExtractsWithItsParameters() throws Exception {
        for (String name : ModelLocation.BUNDLED_MODELS) {
            ModelLocation location = ModelLocation.of("bundled:" + name);
            ModelCard card = location.readCard();
            assertTrue(Files.size(location.folder().resolve(card.parametersFile)) > 0, name);
            assertEquals(location.folder(), ModelLocation.of("bundled:" + name).folder(), "extracted once");
        }
        assertTrue(ModelLocation.BUNDLED_MODELS.contains(ModelLocation.DEFAULT_BUNDLED));
    }

    @Test
    void anUnknownBundledNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelLocation.of("bundled:no-such-model"));
        assertTrue(e.getMessage().contains("no bundled model 'no-such-model'"), e.getMessage());
        for (String name : ModelLocation.BUNDLED_MODELS) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void anythingElseIsAFolder() {
        assertFalse(ModelLocation.isBundled("models/bundled"));
        assertEquals(Path.of("models/bundled").toAbsolutePath().normalize(), ModelLocation.of("models/bundled").folder());
    }
}
