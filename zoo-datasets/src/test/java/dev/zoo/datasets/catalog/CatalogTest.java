package dev.zoo.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.datasets.format.Cifar100Labels;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void knowsTheFourPublishedDatasetsWithTheirFacts() {
        assertThat(Catalog.known()).extracting(DatasetKind::name).containsExactly("fashion-mnist", "mnist", "cifar10", "cifar100");
        assertThat(CifarDataset.CIFAR10.count(SplitName.TRAIN)).isEqualTo(50_000);
        assertThat(CifarDataset.CIFAR100.count(SplitName.TEST)).isEqualTo(10_000);
        assertThat(IdxDataset.MNIST.count(SplitName.TRAIN)).isEqualTo(60_000);
        assertThat(CifarDataset.CIFAR10.download().orElseThrow().files().get(0).md5()).isEqualTo("c32a1d4ab5d03f1284b67883e8d87530");
        assertThat(CifarDataset.CIFAR100.download().orElseThrow().files().get(0).md5()).isEqualTo("03b5dce01913d631647c71ecec9e9cb8");
        assertThat(IdxDataset.FASHION_MNIST.download().orElseThrow().files()).extracting(RemoteFile::md5).containsExactly(
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79",
                "bb300cfdad3c16e7a12a480ee83cd310");
    }

    @Test
    void classNamesAreCompleteAndDistinct() {
        for (DatasetKind k : Catalog.known()) {
            for (Cifar100Labels l : Cifar100Labels.values()) {
                assertThat(new HashSet<>(k.classNames(l))).hasSameSizeAs(k.classNames(l));
            }
        }
        assertThat(CifarDataset.CIFAR100.classNames(Cifar100Labels.FINE)).hasSize(100).isSorted();
        assertThat(CifarDataset.CIFAR100.classNames(Cifar100Labels.COARSE)).hasSize(20).isSorted();
        assertThat(CifarDataset.CIFAR10.classNames(Cifar100Labels.COARSE)).hasSize(10);
    }

    @Test
    void folderNamesGiveImageFolders() {
        DatasetKind kind = Catalog.find("folder:/data/pets", 64);
        assertThat(kind).isInstanceOf(ImageFolderDataset.class);
        assertThat(kind.name()).isEqualTo("folder:" + Path.of("/data/pets"));
        assertThat(kind.storedShape().toString()).isEqualTo("3x64x64");
        assertThatThrownBy(() -> Catalog.find("folder:", 32)).hasMessageContaining("folder: needs a path");
    }
}
