<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>FileStoresDialog</name>
    <message numerus="yes">
        <source>Vector storage: %1 in %n store(s)</source>
        <translation>
            <numerusform>Vector storage: %1 in %n store</numerusform>
            <numerusform>Vector storage: %1 in %n stores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n file(s).</source>
        <translation>
            <numerusform>Deleted %n file.</numerusform>
            <numerusform>Deleted %n files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n file(s) to “%1”; it is processing them.</source>
        <translation>
            <numerusform>Added %n file to “%1”; it is processing it.</numerusform>
            <numerusform>Added %n files to “%1”; it is processing them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n file(s) out of the store.</source>
        <translation>
            <numerusform>Took %n file out of the store.</numerusform>
            <numerusform>Took %n files out of the store.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImagesTab</name>
    <message numerus="yes">
        <source>%n image(s) made and saved to the gallery.</source>
        <translation>
            <numerusform>%n image made and saved to the gallery.</numerusform>
            <numerusform>%n images made and saved to the gallery.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaskEditor</name>
    <message numerus="yes">
        <source>Brush: %n px</source>
        <translation>
            <numerusform>Brush: %n px</numerusform>
            <numerusform>Brush: %n px</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptionTab</name>
    <message numerus="yes">
        <source>%n moment(s) dropped (the computer was busy).</source>
        <translation>
            <numerusform>%n moment dropped (the computer was busy).</numerusform>
            <numerusform>%n moments dropped (the computer was busy).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsagePanel</name>
    <message numerus="yes">
        <source>%n without price</source>
        <translation>
            <numerusform>%n without price</numerusform>
            <numerusform>%n without price</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated</source>
        <translation>
            <numerusform>%n estimated</numerusform>
            <numerusform>%n estimated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s), </source>
        <translation>
            <numerusform>%n request, </numerusform>
            <numerusform>%n requests, </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageWindow</name>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n request(s) to %1</source>
        <translation>
            <numerusform>Exported %n request to %1</numerusform>
            <numerusform>Exported %n requests to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VectorStorePicker</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
</TS>
