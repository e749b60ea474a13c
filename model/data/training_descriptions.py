"""Three kid-style descriptions of every concept, to train the text encoder to read a thing described.

The held-out descriptions in `descriptions.py` are for evaluation only and never used in training.
"""

# fmt: off
TRAINING_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "dog": (
        "an animal that fetches sticks and chews bones",
        "a furry pet you take for walks on a lead",
        "a loyal pet with floppy ears and a wet nose",
    ),
    "cat": (
        "a furry pet that purrs and chases mice",
        "a pet with whiskers that says meow",
        "a small furry animal that licks its paws clean",
    ),
    "mouse": (
        "a tiny grey animal with a long tail that loves cheese",
        "a small squeaky animal that cats chase",
        "a little rodent with round ears and whiskers",
    ),
    "hamster": (
        "a small furry pet that runs on a wheel",
        "a tiny pet that stuffs food in its cheeks",
        "a chubby little pet that lives in a cage",
    ),
    "rabbit": (
        "an animal with long ears that hops and eats carrots",
        "a fluffy pet with a white cotton tail",
        "a furry animal that digs burrows and twitches its nose",
    ),
    "fox": (
        "a clever orange animal with a bushy tail",
        "a sly wild animal with pointy ears and a white-tipped tail",
        "a red furry animal that sneaks around at night",
    ),
    "bear": (
        "a big furry animal that loves honey",
        "a huge brown animal that sleeps all winter",
        "a big wild animal that catches salmon in rivers",
    ),
    "polar bear": (
        "a big furry animal that lives at the north pole",
        "a huge arctic hunter with thick white fur that hunts seals",
        "an arctic animal with creamy fur and a black nose",
    ),
    "panda": (
        "a black and white bear that eats bamboo",
        "a chubby bear from china with black eye patches",
        "a fluffy animal that munches bamboo all day",
    ),
    "koala": (
        "a grey furry animal that hugs eucalyptus trees",
        "a sleepy australian animal with big fluffy ears",
        "a grey tree-hugging animal from australia that eats gum leaves",
    ),
    "tiger": (
        "a fierce striped animal that prowls the jungle",
        "the biggest wild cat in the world",
        "a stripy hunter from india that roars loudly",
    ),
    "lion": (
        "a big wild cat with a shaggy mane",
        "a golden animal that roars on the african plains",
        "a big cat that lives in a pride",
    ),
    "leopard": (
        "a big yellow cat covered in dark spots",
        "a spotty wild cat that climbs trees",
        "a fast spotted hunter of the savanna",
    ),
    "cow": (
        "an animal that says moo and gives us milk",
        "a black and white farm animal that eats grass",
        "a big farm animal with udders and a bell",
    ),
    "pig": (
        "a pink farm animal with a curly tail",
        "a farm animal that rolls in the mud and snorts",
        "an animal with a flat snout that lives in a sty",
    ),
    "frog": (
        "a green animal that hops and says ribbit",
        "a slimy jumper that sits on a lily pad",
        "an animal that catches flies with its long tongue",
    ),
    "monkey": (
        "an animal that swings through trees and eats bananas",
        "a cheeky animal with a long tail that climbs",
        "a playful jungle animal that swings from vines",
    ),
    "gorilla": (
        "a huge strong primate that beats its chest",
        "a big black hairy animal from the jungle",
        "a massive primate that lives in african forests",
    ),
    "chicken": (
        "a farm bird that lays eggs for breakfast",
        "a bird that clucks and pecks at corn",
        "a farm bird with a red comb that lives in a coop",
    ),
    "rooster": (
        "a farm bird that crows at sunrise",
        "a proud male farm bird with a big red comb",
        "a colourful bird that wakes the farm every morning",
    ),
    "chick": (
        "a tiny yellow bird that cheeps",
        "a little yellow bird that follows its mother hen",
        "a small yellow ball of fluff that peeps",
    ),
    "penguin": (
        "a bird that cannot fly and swims in icy water",
        "a black and white bird that waddles on the ice",
        "a bird in a tuxedo that slides on its belly",
    ),
    "bird": (
        "an animal with feathers and wings that sings",
        "a small flying animal that builds a nest",
        "a little feathered animal that tweets in the trees",
    ),
    "duck": (
        "a water bird that swims on ponds and waddles",
        "a bird with a flat orange bill and webbed feet",
        "a bird you feed bread to at the pond",
    ),
    "goose": (
        "a big white bird that hisses and chases people",
        "a long-necked bird that flies south in a v shape",
        "a grey farm bird bigger than a duck",
    ),
    "swan": (
        "a graceful white bird gliding on a lake",
        "a big white water bird with a curved neck",
        "an elegant bird with an orange beak on the river",
    ),
    "owl": (
        "a bird that hoots at night",
        "a wise bird with big round eyes",
        "a night bird that can turn its head right round",
    ),
    "eagle": (
        "a big bird with sharp talons that soars high",
        "a fierce bird with a hooked beak",
        "a large bird that nests on cliffs and hunts fish",
    ),
    "parrot": (
        "a colourful bird that can copy what you say",
        "a bright green and red bird that talks",
        "a pirate's bird that sits on his shoulder",
    ),
    "peacock": (
        "a bird with a huge tail of blue and green feathers",
        "a proud bird that fans out its tail with eye patterns",
        "a shiny blue bird that shows off its feathers",
    ),
    "flamingo": (
        "a bright pink wading bird with a bent beak",
        "a long-legged bird that gets its colour from shrimp",
        "a pink wader that feeds with its head upside down",
    ),
    "turkey": (
        "a big farm bird that gobbles",
        "a bird with a red wobbly neck and a fanned tail",
        "the bird people roast for a holiday dinner",
    ),
    "horse": (
        "an animal you ride that gallops and neighs",
        "a tall animal with a mane and hooves and a saddle",
        "a farm animal that pulls carts and eats hay",
    ),
    "unicorn": (
        "a white horse with a horn on its head",
        "a magical creature with a rainbow mane and one horn",
        "a make-believe animal from fairy tales with a spiral horn",
    ),
    "zebra": (
        "a black and white striped animal from africa",
        "an african animal like a horse with black stripes",
        "a wild animal with stripes that lives on the savanna",
    ),
    "giraffe": (
        "the tallest animal with a spotty coat",
        "an african animal that eats leaves from the tops of trees",
        "a very tall spotted animal with little horns",
    ),
    "elephant": (
        "a huge grey animal with a trunk",
        "a giant animal with big flapping ears and tusks",
        "a heavy animal that sprays water with its nose",
    ),
    "camel": (
        "a desert animal with a hump",
        "an animal that walks across the sand and stores water",
        "a tall animal with humps that people ride in the desert",
    ),
    "llama": (
        "a woolly animal from the mountains of south america",
        "a fluffy animal with a long neck that spits",
        "a shaggy farm animal from peru with banana-shaped ears",
    ),
    "sheep": (
        "a fluffy farm animal that gives us wool",
        "a white woolly animal that a shepherd looks after",
        "a farm animal you shear in summer",
    ),
    "goat": (
        "an animal that climbs rocks and eats almost anything",
        "a farm animal that bleats and headbutts",
        "an animal that gives milk for cheese and likes to climb",
    ),
    "deer": (
        "a forest animal with antlers",
        "a shy brown animal with a white tail in the woods",
        "a graceful forest animal with spots when it is young",
    ),
    "moose": (
        "a huge animal with wide flat antlers",
        "a big brown animal from canada with a droopy nose",
        "the largest animal with antlers that wades in lakes",
    ),
    "donkey": (
        "an animal with long ears that says hee-haw",
        "a grey farm animal that carries heavy loads",
        "a stubborn animal that gives rides on the beach",
    ),
    "hippo": (
        "a huge grey animal that lives in african rivers",
        "a big round animal with a giant mouth that wallows in mud",
        "a heavy river animal that opens its jaws wide",
    ),
    "rhino": (
        "a big grey animal with a horn on its nose",
        "a heavy animal with thick armoured skin and horns",
        "an african animal that charges with a horned nose",
    ),
    "wolf": (
        "a wild dog that howls at the moon",
        "a grey animal that hunts in a pack",
        "the animal that chased little red riding hood",
    ),
    "raccoon": (
        "an animal with a black mask that raids bins",
        "a grey night animal with a stripy tail",
        "a masked bandit animal that washes its food",
    ),
    "squirrel": (
        "a small animal with a bushy tail that collects nuts",
        "an animal that buries acorns and climbs trees",
        "a little furry tree animal that nibbles nuts",
    ),
    "hedgehog": (
        "a small animal covered in spikes that rolls into a ball",
        "a prickly little animal that eats slugs in the garden",
        "a tiny animal with spines and a pointy nose",
    ),
    "bat": (
        "a night animal with leathery wings",
        "a furry animal that lives in caves and uses echoes",
        "a little flying mammal that comes out at night",
    ),
    "kangaroo": (
        "an australian animal that hops and has a pouch",
        "a big hopping animal with a long strong tail",
        "an animal that carries its baby in its belly pocket",
    ),
    "sloth": (
        "a very slow animal that hangs from trees",
        "a sleepy animal with long claws that hangs upside down",
        "a furry jungle animal that moves really slowly",
    ),
    "otter": (
        "a playful animal that floats on its back",
        "a furry swimmer that cracks shells on its tummy",
        "a sleek brown animal that holds hands in the water",
    ),
    "skunk": (
        "a black and white animal that makes a terrible smell",
        "an animal with a white stripe that sprays when scared",
        "a smelly animal with a big fluffy tail",
    ),
    "beaver": (
        "an animal with big teeth that builds dams",
        "a brown animal with a flat tail that chews trees",
        "a hard-working animal that builds a lodge in the river",
    ),
    "snake": (
        "a long animal with no legs that slithers",
        "a scaly animal that hisses and sheds its skin",
        "a reptile with a forked tongue",
    ),
    "turtle": (
        "a slow animal with a hard shell on its back",
        "a reptile that hides its head in its shell",
        "a green reptile that lays eggs on the beach",
    ),
    "lizard": (
        "a small scaly reptile with four legs and a long tail",
        "a little reptile that suns itself on rocks",
        "a creature that can drop its tail to escape",
    ),
    "crocodile": (
        "a big reptile with huge jaws that lives in rivers",
        "a scaly green animal with lots of sharp teeth",
        "a dangerous reptile that lurks in swamps",
    ),
    "dinosaur": (
        "a giant prehistoric monster with sharp teeth and tiny arms",
        "a fierce creature that stomped the earth millions of years ago",
        "an extinct beast whose bones are in museums",
    ),
    "brontosaurus": (
        "a huge plant-eating dinosaur with a very long neck",
        "a giant gentle dinosaur that ate leaves from tall trees",
        "an enormous dinosaur with a tiny head and a long tail",
    ),
    "mammoth": (
        "a hairy elephant from the ice age",
        "an extinct giant with curly tusks and shaggy fur",
        "a furry prehistoric beast like an elephant",
    ),
    "whale": (
        "the biggest animal in the ocean",
        "a giant sea animal that sprays water from a blowhole",
        "a huge sea mammal that sings",
    ),
    "dolphin": (
        "a clever sea animal that jumps and clicks",
        "a smiley grey sea mammal that swims in pods",
        "a friendly sea creature that does tricks",
    ),
    "fish": (
        "an animal with fins and gills that swims",
        "a small pet that swims in a bowl",
        "a scaly swimmer that lives in rivers and ponds",
    ),
    "tropical fish": (
        "a bright striped fish from a coral reef",
        "an orange and white fish hiding in sea anemones",
        "a colourful little swimmer from warm seas",
    ),
    "blowfish": (
        "a fish that blows itself up into a spiky ball",
        "a round spiky fish that puffs up when scared",
        "a poisonous fish that swells like a balloon",
    ),
    "shark": (
        "a big fish with sharp teeth and a fin on top",
        "a scary ocean hunter with rows of teeth",
        "a grey sea predator whose fin pokes out of the water",
    ),
    "seal": (
        "a flippered sea mammal that balances balls on its nose",
        "a grey whiskered animal that lies on rocks by the sea",
        "a chubby swimmer with flippers that eats fish",
    ),
    "octopus": (
        "a squishy sea creature that squirts ink",
        "a clever animal with suckers that hides in rocks",
        "a soft ocean creature with lots of wiggly legs",
    ),
    "squid": (
        "a long sea creature with tentacles and a pointed head",
        "a sea animal that squirts ink and swims fast",
        "a deep sea creature with ten tentacles",
    ),
    "jellyfish": (
        "a see-through sea creature that stings",
        "a wobbly blob with long dangling tentacles",
        "a floating bell-shaped animal in the ocean",
    ),
    "crab": (
        "a red sea animal with claws that walks sideways",
        "a beach creature with pincers and a hard shell",
        "a little animal that scuttles across rock pools",
    ),
    "lobster": (
        "a big red sea creature with giant claws",
        "a shellfish with huge pincers and long feelers",
        "a sea animal caught in pots by fishermen",
    ),
    "shrimp": (
        "a tiny pink sea creature with a curled body",
        "a little curly shellfish you eat",
        "a small see-through sea animal with long whiskers",
    ),
    "snail": (
        "a slow creature that carries a spiral shell",
        "a slimy garden animal with eyes on stalks",
        "a little animal that leaves a shiny trail",
    ),
    "butterfly": (
        "an insect with big colourful wings",
        "a flying insect that comes from a caterpillar",
        "a pretty insect that flutters from flower to flower",
    ),
    "caterpillar": (
        "a fuzzy crawling bug that turns into a butterfly",
        "a long wiggly creature with lots of little legs that eats leaves",
        "a hungry green crawler that makes a cocoon",
    ),
    "bee": (
        "a buzzing insect that makes honey",
        "a yellow and black striped insect that stings",
        "an insect that visits flowers and lives in a hive",
    ),
    "ladybug": (
        "a tiny spotty insect that gardeners like",
        "a small round bug that eats aphids",
        "a lucky spotted bug that lands on your hand",
    ),
    "ant": (
        "a tiny insect that lives in a colony",
        "a little bug that carries crumbs bigger than itself",
        "a small black insect that marches in a line",
    ),
    "spider": (
        "a creepy crawly with eight legs",
        "a bug that spins a web to catch flies",
        "a hairy eight-legged creature in the corner of the room",
    ),
    "scorpion": (
        "a desert creature with pincers and a stinging tail",
        "an eight-legged bug with a curled tail",
        "a dangerous creepy crawly that hides under desert rocks",
    ),
    "worm": (
        "a long pink wiggly creature in the soil",
        "a squirmy animal with no legs that lives underground",
        "a slimy creature that birds pull out of the ground",
    ),
    "dragon": (
        "a giant lizard with wings that breathes fire",
        "a scaly monster from stories that guards treasure",
        "a magical flying beast that breathes flames",
    ),
    "apple": (
        "a crunchy red snack that grows on trees",
        "a shiny round red thing with a stalk and a leaf",
        "a round red snack that keeps the doctor away",
    ),
    "banana": (
        "a long curved fruit you peel",
        "a yellow fruit shaped like a smile",
        "a long fruit that grows in bunches and goes brown",
    ),
    "grapes": (
        "small round purple fruit that grow in bunches",
        "little green or purple fruit that make wine",
        "juicy little balls that grow on a vine",
    ),
    "orange": (
        "a round citrus fruit you peel into segments",
        "a juicy fruit with a thick peel that makes breakfast juice",
        "a round tangy fruit that you squeeze for juice",
    ),
    "lemon": (
        "a tangy fruit you squeeze on pancakes",
        "a fruit so tart it makes your face pucker",
        "an oval fruit with bumpy skin used for lemonade",
    ),
    "watermelon": (
        "a huge green fruit with red inside and black seeds",
        "a big striped fruit that is juicy and pink inside",
        "a summer fruit you eat in big triangle slices",
    ),
    "strawberry": (
        "a red fruit with tiny seeds on the outside",
        "a sweet red fruit with a green leafy top",
        "a juicy red fruit you eat with cream in summer",
    ),
    "cherry": (
        "two little red fruits on one stalk",
        "a small round red fruit with a stone inside",
        "a shiny red fruit you put on top of a sundae",
    ),
    "pear": (
        "a green fruit that is fat at the bottom",
        "a juicy fruit shaped like a light bulb",
        "a green fruit with a narrow top and a round bottom",
    ),
    "peach": (
        "a soft fuzzy fruit with a big stone",
        "a round orange-pink fruit with velvety skin",
        "a sweet furry fruit that is juicy in summer",
    ),
    "pineapple": (
        "a spiky tropical fruit with a leafy crown",
        "a sweet yellow fruit with rough prickly skin",
        "a tropical fruit with spiky leaves on top",
    ),
    "mango": (
        "a sweet orange tropical fruit with a big flat stone",
        "a juicy tropical fruit that is green and red outside",
        "a soft golden fruit from india",
    ),
    "coconut": (
        "a hairy brown nut with milk inside",
        "a hard round fruit that falls from palm trees",
        "a brown shell you crack open for white flesh",
    ),
    "kiwi": (
        "a small brown fuzzy fruit that is green inside",
        "a hairy egg-shaped fruit with tiny black seeds",
        "a green fruit you scoop out with a spoon",
    ),
    "blueberry": (
        "little dark fruits that go in muffins",
        "small purple fruits that grow on bushes",
        "tiny fruits that stain your fingers and tongue",
    ),
    "avocado": (
        "a green pear-shaped fruit with a big stone",
        "a creamy green fruit you spread on toast",
        "a fruit with bumpy dark skin and a huge seed",
    ),
    "tomato": (
        "a round red fruit used to make ketchup",
        "a juicy red thing in salads and on pizza",
        "a red fruit that people think is a vegetable",
    ),
    "carrot": (
        "an orange vegetable that rabbits love",
        "a long orange root with green leaves on top",
        "a crunchy orange vegetable that helps you see in the dark",
    ),
    "corn": (
        "yellow kernels on a cob",
        "a yellow vegetable with rows of juicy kernels",
        "a tall crop with yellow ears you eat with butter",
    ),
    "broccoli": (
        "a green veggie that looks like a little tree",
        "green florets that look like tiny trees",
        "a healthy green side dish with a thick stalk and bushy top",
    ),
    "potato": (
        "a brown lumpy vegetable that grows underground",
        "the vegetable you mash or cut into fries",
        "a starchy root you bake in its jacket",
    ),
    "eggplant": (
        "a shiny purple vegetable",
        "a long dark purple vegetable with a green cap",
        "a glossy purple vegetable shaped like a big teardrop",
    ),
    "cucumber": (
        "a long green vegetable you slice for salads",
        "cool green slices people put on their eyes",
        "a long green thing with watery flesh and seeds",
    ),
    "chili": (
        "a hot red pepper that burns your mouth",
        "a small red vegetable that is very spicy",
        "a fiery red pod that makes food hot",
    ),
    "mushroom": (
        "something with a stalk and an umbrella top",
        "a spongy thing you put on pizza that grows in damp places",
        "the red one with white spots that fairies sit on",
    ),
    "onion": (
        "a vegetable that makes you cry when you cut it",
        "a round brown bulb with layers inside",
        "a strong-smelling vegetable with papery skin",
    ),
    "bread": (
        "something you slice to make sandwiches",
        "a baked food made from flour and yeast",
        "a crusty brown thing from the bakery that you butter",
    ),
    "croissant": (
        "a flaky buttery pastry shaped like a moon",
        "a curved french pastry for breakfast",
        "a golden pastry with lots of layers from france",
    ),
    "pretzel": (
        "a twisted salty bread snack",
        "a knot-shaped baked snack with salt on top",
        "a brown twisty snack from germany",
    ),
    "cheese": (
        "a yellow food with holes that mice love",
        "a wedge of yellow dairy food made from milk",
        "something yellow you grate onto pasta",
    ),
    "egg": (
        "something a hen lays",
        "an oval white thing with a yolk inside",
        "a thing with a shell you crack and cook",
    ),
    "fried egg": (
        "a white circle with a runny yellow middle",
        "an egg cracked into a hot pan and cooked",
        "a yellow yolk in a puddle of white cooked in oil",
    ),
    "pancakes": (
        "a stack of flat round cakes with syrup",
        "thin round things you flip in a pan",
        "a tall pile of fluffy breakfast circles with butter on top",
    ),
    "waffle": (
        "a crispy breakfast treat with a grid of squares",
        "a golden square with little pockets for syrup",
        "a criss-cross patterned cake made in an iron",
    ),
    "bacon": (
        "salty slices from a pig that sizzle in a pan",
        "wavy red and white slices of pork",
        "the smoky meat in a blt sandwich",
    ),
    "pizza": (
        "a round flat bread with tomato and cheese",
        "a triangle slice with melted cheese and pepperoni",
        "an italian dish cut into triangles and delivered in a box",
    ),
    "burger": (
        "a meat patty in a bun",
        "a round bun with meat and lettuce and ketchup",
        "fast food with a beef patty and sesame seeds on top",
    ),
    "fries": (
        "thin golden potato sticks with ketchup",
        "salty potato strips in a red carton",
        "crispy potato sticks from a fast food place",
    ),
    "hot dog": (
        "a long roll with a frank inside and mustard on top",
        "something you eat at a baseball game in a long bun",
        "a long bun filled with meat and a line of yellow mustard",
    ),
    "sandwich": (
        "two slices of bread with filling in the middle",
        "a lunchbox snack of ham and cheese between bread",
        "bread cut into triangles with jam inside",
    ),
    "taco": (
        "a crunchy folded shell filled with meat and cheese",
        "a mexican snack in a curved tortilla",
        "a u-shaped shell stuffed with beans and salsa",
    ),
    "spaghetti": (
        "long thin strands with tomato sauce",
        "long strings of italian food twirled on a fork",
        "a plate of long wiggly strands with red sauce",
    ),
    "noodles": (
        "long stringy food eaten with chopsticks from a bowl",
        "a steaming bowl of long strands in broth",
        "slurpy strings of food in a chinese takeaway box",
    ),
    "sushi": (
        "rice rolls wrapped in seaweed with raw fish",
        "a japanese food of rice and fish",
        "little rolls of rice and seaweed eaten with chopsticks",
    ),
    "rice": (
        "tiny grains that you boil and eat with curry",
        "tiny grains grown in flooded paddy fields",
        "a fluffy side dish you eat with chopsticks",
    ),
    "salad": (
        "a bowl of leafy greens and tomatoes",
        "cold leaves and cucumber with dressing",
        "a healthy mix of raw vegetables in a bowl",
    ),
    "popcorn": (
        "a puffy snack you eat at the cinema",
        "fluffy white kernels that pop in the microwave",
        "a buttery snack in a red and white striped box",
    ),
    "donut": (
        "a ring-shaped fried cake with a hole in the middle",
        "a sweet ring with pink icing and sprinkles",
        "a fried dough ring you dunk in coffee",
    ),
    "cookie": (
        "a round sweet snack with chocolate chips",
        "a crunchy treat you dunk in milk",
        "a flat baked treat from a jar",
    ),
    "birthday cake": (
        "a party dessert with candles on top",
        "a sweet treat you blow candles out on",
        "a big iced dessert for when you turn a year older",
    ),
    "cupcake": (
        "a little cake in a paper case with icing",
        "a small frosted treat with sprinkles on top",
        "a tiny cake for one person with swirly frosting",
    ),
    "pie": (
        "a baked dish with pastry on top and filling inside",
        "a round pastry dish you cut in slices",
        "a pastry with fruit filling and a golden crust",
    ),
    "ice cream": (
        "a cold sweet scoop in a cone",
        "a frozen dessert you lick on a hot day",
        "scoops of cold creamy dessert in a wafer cone",
    ),
    "lollipop": (
        "a hard sweet on a stick",
        "a round swirly candy on a stick",
        "a colourful sugary disc you lick on a stick",
    ),
    "candy": (
        "sugary little treats from the corner shop",
        "colourful sugary bits kids get at halloween",
        "a sugary chewy snack that is bad for your teeth",
    ),
    "chocolate": (
        "a brown sweet bar made from cocoa beans",
        "a sweet brown bar that melts in your hand",
        "the brown treat that easter eggs are made of",
    ),
    "honey": (
        "sweet sticky golden stuff that bees make",
        "a golden syrup in a jar that bears love",
        "a sticky sweet spread from a beehive",
    ),
    "milk": (
        "a white drink that comes from cows",
        "a cold white drink that makes your bones strong",
        "the white drink you pour on cereal",
    ),
    "coffee": (
        "a hot brown drink grown-ups have in the morning",
        "a steaming mug of a bitter brown drink",
        "a hot drink made from roasted beans",
    ),
    "teapot": (
        "a pot with a spout for pouring tea",
        "a round china jug with a spout and a lid",
        "something you pour tea from at a tea party",
    ),
    "juice box": (
        "a little carton of fruit drink with a straw",
        "a small drink box with a bendy straw for lunchboxes",
        "a tiny cardboard drink you poke a straw into",
    ),
    "peanut": (
        "a nut in a crinkly shell that elephants eat",
        "a little nut you crack open at the circus",
        "a salty nut that grows underground",
    ),
    "dumpling": (
        "a little pocket of dough filled with meat",
        "a steamed parcel of dough from china",
        "a pinched dough bundle you dip in soy sauce",
    ),
    "car": (
        "a vehicle with four wheels and a steering wheel",
        "a red vehicle you drive on the road",
        "the thing the family rides in to go to the shops",
    ),
    "taxi": (
        "a car with a light on the roof that you wave down",
        "a car with a meter that drives you around town",
        "the checkered car that picks people up in new york",
    ),
    "bus": (
        "a big long vehicle that takes kids to school",
        "a vehicle with lots of seats that stops at stops",
        "a big red vehicle in london with two floors",
    ),
    "police car": (
        "a car with flashing blue lights and a siren",
        "a black and white car that chases robbers",
        "a car officers drive with a siren on top",
    ),
    "ambulance": (
        "a white van with flashing lights that takes people to hospital",
        "a vehicle with a red cross that rushes to help sick people",
        "the vehicle with a siren that carries a stretcher",
    ),
    "fire truck": (
        "a big red vehicle with a ladder and a hose",
        "the vehicle firefighters ride to put out fires",
        "a red engine with a loud siren and a long ladder",
    ),
    "truck": (
        "a big vehicle that carries heavy loads",
        "a huge vehicle with big wheels and a trailer",
        "a vehicle with a big back for carrying goods",
    ),
    "tractor": (
        "a farm vehicle with big back wheels",
        "a green machine that pulls a plough in fields",
        "the machine a farmer drives through muddy fields",
    ),
    "train": (
        "a long vehicle with carriages that runs on tracks",
        "something you ride on rails from station to station",
        "an engine pulling carriages along a railway",
    ),
    "tram": (
        "a vehicle that runs along the street on rails",
        "an electric carriage that runs on rails in a city",
        "a vehicle on rails with wires above it in town",
    ),
    "bicycle": (
        "something with two wheels and pedals",
        "a two-wheeler you pedal with a bell on the handlebars",
        "a ride with pedals where you keep your balance",
    ),
    "motorcycle": (
        "a loud two-wheeler with handlebars and a motor",
        "a fast two-wheeled vehicle you ride wearing a helmet",
        "a two-wheeler that goes vroom on the road",
    ),
    "scooter": (
        "a board with two wheels and a tall handlebar",
        "a kick-along toy with a tall handle",
        "a two-wheeled ride you push along the pavement",
    ),
    "moped": (
        "a little motorbike with a step-through seat",
        "a small buzzing two-wheeler that delivers pizza",
        "a slow little motorised two-wheeler with a basket",
    ),
    "race car": (
        "a very fast car that zooms round a track",
        "a low speedy car with a number on the side",
        "a car that races round a circuit to win a checkered flag",
    ),
    "airplane": (
        "a flying machine with wings that carries passengers",
        "something that flies you on holiday from the airport",
        "a big metal bird with engines on its wings",
    ),
    "helicopter": (
        "a flying machine with spinning blades on top",
        "a flying machine that can hover and land on a roof",
        "a flying machine with rotors that goes straight up",
    ),
    "rocket": (
        "a tall pointy machine that blasts off into space",
        "something that launches to the moon with fire underneath",
        "a tall tube with fins that takes astronauts to space",
    ),
    "flying saucer": (
        "a round disc-shaped craft that aliens fly",
        "a spinning plate-shaped ship from another planet",
        "a round craft with lights that beams up cows",
    ),
    "boat": (
        "something that floats on the water with a sail",
        "a small vessel that floats on a lake",
        "a little vessel with a mast that sails on the sea",
    ),
    "ship": (
        "a huge vessel that sails across the ocean",
        "a giant vessel with funnels carrying passengers",
        "a pirate vessel with big sails and a flag",
    ),
    "canoe": (
        "a narrow wooden vessel on a river",
        "a long thin craft you steer with an oar",
        "a pointy little vessel you sit in and row",
    ),
    "skateboard": (
        "a board with four wheels you ride and do tricks on",
        "a wooden deck with wheels for the skate park",
        "a plank on wheels you kick and flip",
    ),
    "roller skate": (
        "a boot with four wheels underneath",
        "shoes with wheels for rolling around the rink",
        "a boot you wear to glide at the roller disco",
    ),
    "sled": (
        "something you slide down snowy hills on",
        "a wooden ride with runners for the snow",
        "a flat ride you sit on to whizz down a snowy slope",
    ),
    "parachute": (
        "a big cloth canopy that lets you float down from a plane",
        "something that opens up when you jump from a plane",
        "a big umbrella of cloth that slows your fall",
    ),
    "satellite": (
        "a machine that orbits the earth with solar panels",
        "a metal thing in space that beams tv signals",
        "a gadget circling the earth with wing-like panels",
    ),
    "sun": (
        "the big yellow star in the sky during the day",
        "a bright hot ball that lights up the day",
        "the hot glowing thing the earth goes round",
    ),
    "moon": (
        "the curved shape that shines in the night sky",
        "a shining thing at night that wolves howl at",
        "the silver thing in the night sky that astronauts walked on",
    ),
    "full moon": (
        "a big round bright circle in the night sky",
        "the whole round moon glowing at night",
        "the big round glowing ball in the sky when werewolves come out",
    ),
    "star": (
        "a yellow shape with five points",
        "a tiny bright light that shines in the night sky",
        "a five-pointed shape you put on top of a christmas tree",
    ),
    "shooting star": (
        "a streak of light that zips across the dark",
        "something you make a wish on when it whooshes past",
        "a bright light with a tail that falls through the sky",
    ),
    "planet": (
        "a huge ball in space that goes round the sun",
        "a giant ball in space circled by rings",
        "one of the eight big balls that orbit the sun",
    ),
    "earth": (
        "the blue and green ball in space we live on",
        "the globe with oceans and continents where we live",
        "the place we all live seen from space",
    ),
    "comet": (
        "a ball of ice with a long glowing tail in space",
        "an icy rock in space with a bright tail",
        "a space snowball that streaks past the sun",
    ),
    "galaxy": (
        "a huge swirl of billions of stars",
        "a giant spiral of stars far away in space",
        "the milky way and other swirls of stars",
    ),
    "astronaut": (
        "someone in a white suit and helmet who goes into space",
        "someone who flies a rocket to the moon",
        "a person who floats in space in a spacesuit",
    ),
    "alien": (
        "a green creature from another planet",
        "a visitor from space with big black eyes",
        "a creature from space with antennae",
    ),
    "telescope": (
        "a long tube you look through to see the stars",
        "a tool that makes faraway planets look close",
        "something astronomers use to look at the moon",
    ),
    "cloud": (
        "a fluffy white thing floating in the sky",
        "a puffy grey shape that brings rain",
        "something soft and white in the sky like cotton wool",
    ),
    "rain": (
        "water falling from the sky in drops",
        "wet weather when you need your wellies",
        "drops from a grey sky that make puddles",
    ),
    "storm": (
        "wild weather with strong winds and loud rumbles",
        "a booming rumbling sky with flashes and heavy downpours",
        "bad weather that knocks trees down",
    ),
    "lightning": (
        "a bright zigzag flash in a stormy sky",
        "a yellow zigzag from the clouds",
        "a flash of light in the sky before the boom",
    ),
    "snowflake": (
        "a tiny six-sided ice crystal from the sky",
        "a frozen flake that falls in winter",
        "a white icy star shape falling in winter",
    ),
    "snowman": (
        "a winter figure made of three white balls with a carrot nose",
        "a cold friend you build in the garden with a scarf",
        "a white man with coal eyes who melts in the sun",
    ),
    "rainbow": (
        "an arch of seven colours in the sky after rain",
        "a colourful stripy arc where leprechauns hide gold",
        "red orange yellow green blue and purple bands in the sky",
    ),
    "umbrella": (
        "something you hold over your head to keep dry",
        "a folding canopy on a stick for rainy days",
        "a thing you open up when it starts to rain",
    ),
    "tornado": (
        "a spinning funnel of wind that sucks things up",
        "a grey swirling column of air that touches the ground",
        "a whirling storm that carried dorothy to oz",
    ),
    "wind": (
        "moving air that blows leaves around",
        "air that blows your hat off and flies kites",
        "invisible air rushing past that makes trees sway",
    ),
    "fog": (
        "thick grey cloud close to the ground",
        "damp grey air that makes it hard to see",
        "a cloud on the ground that hides everything",
    ),
    "partly cloudy": (
        "the sun peeking out from behind a cloud",
        "a yellow sun half hidden by a white cloud",
        "weather that is half bright and half grey",
    ),
    "thermometer": (
        "a glass tube with red liquid that goes up when warm",
        "something the doctor puts under your tongue",
        "a stick with numbers that shows degrees",
    ),
    "fire": (
        "hot orange light that burns wood",
        "something hot and orange that crackles and gives off smoke",
        "the hot thing firefighters put out with water",
    ),
    "water drop": (
        "a single blue droplet shaped like a tear",
        "one tiny blue bead of water falling from a tap",
        "a little blue teardrop shape of water",
    ),
    "wave": (
        "a big curling wall of water at the beach",
        "the curl of blue water that surfers ride",
        "a tall blue crest of water crashing on the shore",
    ),
    "tree": (
        "a tall plant with a trunk and branches and leaves",
        "something tall and green in the park with a trunk",
        "a big woody plant birds build nests in",
    ),
    "pine tree": (
        "a tall evergreen with needles and cones",
        "a pointy green forest giant with pine cones",
        "a triangle-shaped evergreen in snowy forests",
    ),
    "christmas tree": (
        "an evergreen decorated with baubles and lights",
        "a fir with tinsel and a star on top",
        "the decorated tree with presents underneath in december",
    ),
    "palm tree": (
        "a tall tree with big leaves on a tropical beach",
        "a tree on a desert island with coconuts",
        "a tall bendy trunk with giant fan leaves in hot places",
    ),
    "cactus": (
        "a prickly green plant from the desert",
        "a spiky plant that stores water",
        "a green plant with spines and arms in cowboy films",
    ),
    "flower": (
        "a colourful plant with petals",
        "something pretty with petals that bees visit",
        "a pretty plant you pick and put in a vase",
    ),
    "rose": (
        "a sweet-smelling flower you give on valentine's day",
        "a flower with velvety petals in a tight swirl",
        "the flower of love with a prickly stem",
    ),
    "sunflower": (
        "a very tall yellow flower that follows the sun",
        "a giant yellow flower with a brown middle full of seeds",
        "a tall flower whose seeds birds and hamsters eat",
    ),
    "tulip": (
        "a cup-shaped spring flower from holland",
        "a flower grown from a bulb with smooth petals",
        "a colourful spring flower shaped like a cup",
    ),
    "cherry blossom": (
        "soft pink petals on a tree in japan in spring",
        "little pale pink blooms covering branches in spring",
        "pink petals falling like snow from a tree in april",
    ),
    "leaf": (
        "a flat green part of a tree that turns brown in autumn",
        "something flat and orange that falls from trees in autumn",
        "the green thing on a branch that caterpillars munch",
    ),
    "clover": (
        "a little green plant with three round leaves",
        "a lucky green plant with four leaves",
        "a green irish symbol for st patrick's day",
    ),
    "seedling": (
        "a tiny green shoot poking out of the soil",
        "a baby plant with two small leaves",
        "the first green shoot that grows from a seed",
    ),
    "plant": (
        "a green leafy thing in a pot on the windowsill",
        "something green you water that grows in a pot",
        "a green potted thing that needs sun and water",
    ),
    "rock": (
        "a hard grey lump from the ground",
        "something hard and grey lying on the path",
        "a heavy grey lump you can sit on or climb",
    ),
    "log": (
        "a chunk of a chopped tree lying on the ground",
        "a round piece of wood for the campfire",
        "a fallen piece of tree with rings on the end",
    ),
    "seashell": (
        "a spiral thing you hold to your ear to hear waves",
        "a hard pretty home of a sea creature left on the sand",
        "a pink and white curly case a sea snail left behind",
    ),
    "feather": (
        "a soft light thing that falls from a bird",
        "something that covers a bird and tickles",
        "a soft fluffy piece of a bird's wing",
    ),
    "nest": (
        "a bowl of twigs where eggs are kept in a tree",
        "a cosy home of sticks that birds build",
        "a little cup of twigs with eggs high in a tree",
    ),
    "mountain": (
        "a very tall rocky peak with snow on top",
        "a giant pointy lump of land you can climb",
        "a huge rocky peak like everest",
    ),
    "volcano": (
        "a mountain that explodes with hot melted rock",
        "a fiery mountain that spits fire and smoke",
        "a cone-shaped mountain with a glowing hot crater",
    ),
    "island": (
        "a small piece of land with sea all around it",
        "a patch of sand with a palm tree surrounded by water",
        "a place where castaways get stranded",
    ),
    "beach": (
        "sand and waves where you build castles",
        "a sandy place by the sea for a summer holiday",
        "the place by the sea where you swim and sunbathe",
    ),
    "desert": (
        "a hot dry place with lots of sand and cactus",
        "a huge sandy place where camels walk",
        "a dry land where it hardly ever rains",
    ),
    "happy face": (
        "a yellow face with a big smile",
        "a cheerful yellow face with rosy cheeks",
        "a round yellow face that is glad",
    ),
    "laughing face": (
        "a yellow face crying with laughter",
        "a face with tears of joy",
        "a yellow face with its mouth wide open cracking up",
    ),
    "sad face": (
        "a yellow face with a frown",
        "a face turned down at the mouth feeling blue",
        "a gloomy yellow face with droopy eyes",
    ),
    "crying face": (
        "a yellow face with tears running down",
        "a face with a big tear on its cheek",
        "a wailing face with streams of tears",
    ),
    "angry face": (
        "a red face with a scowl and steam",
        "a furious face with frowning eyebrows",
        "a face red with rage",
    ),
    "love face": (
        "a yellow face with hearts for eyes",
        "a smiling face with two red hearts instead of eyes",
        "a face that has a crush on someone",
    ),
    "cool face": (
        "a smiling yellow face wearing sunglasses",
        "a relaxed face in dark shades",
        "a chilled-out face with black sunglasses",
    ),
    "silly face": (
        "a face sticking its tongue out",
        "a cheeky face with its tongue out and a wink",
        "a face being daft with crossed eyes",
    ),
    "surprised face": (
        "a face with wide eyes and an open mouth",
        "a yellow face with its mouth in an o shape",
        "a face that just got a big shock",
    ),
    "scared face": (
        "a pale face with hands on its cheeks in fright",
        "a face that has seen a ghost",
        "a trembling face that just saw a monster",
    ),
    "sleeping face": (
        "a face with closed eyes and a snore",
        "a yellow face dozing off at night",
        "a face with shut eyes and a zzz bubble",
    ),
    "sick face": (
        "a green face that feels like throwing up",
        "a face with a thermometer in its mouth",
        "a pale face with a bandage on its head",
    ),
    "winking face": (
        "a yellow face blinking one eye to share a joke",
        "a playful smile with one shut eye",
        "a cheeky grin with a single eye shut",
    ),
    "kissing face": (
        "a face with puckered lips",
        "a face blowing a heart from its lips",
        "a yellow face with pursed lips going mwah",
    ),
    "thinking face": (
        "a face with a hand on its chin",
        "a puzzled face stroking its chin",
        "a yellow face deep in thought with a raised eyebrow",
    ),
    "nerd face": (
        "a face with thick glasses and buck teeth",
        "a brainy face with big round specs",
        "a clever-looking face with taped glasses",
    ),
    "party face": (
        "a face with a cone hat blowing a noisemaker",
        "a celebrating face with confetti and a hooter",
        "a yellow face with a paper hat and streamers",
    ),
    "cold face": (
        "a blue face with icicles and chattering teeth",
        "a shivering face turning blue",
        "a frosty blue face with teeth chattering",
    ),
    "hot face": (
        "a red face dripping with sweat and tongue out",
        "a red face melting in the heat",
        "a face panting in the summer heat",
    ),
    "cowboy": (
        "a face wearing a wide brimmed hat from the wild west",
        "someone who rides horses and ropes cattle",
        "a rider in a big hat and boots on a ranch",
    ),
    "clown": (
        "a circus performer with a red nose and big shoes",
        "a funny person with face paint and a rainbow wig",
        "someone who honks a horn and juggles at the circus",
    ),
    "ghost": (
        "a white sheet with eyes that floats around",
        "a see-through spirit that haunts a house",
        "a floating white figure that says whooo at halloween",
    ),
    "skull": (
        "a white bony head with empty eye holes",
        "a pirate flag picture above crossed bones",
        "a grinning bony face on a halloween costume",
    ),
    "robot": (
        "a metal machine man with buttons and antennae",
        "a machine that walks and talks like a person",
        "a boxy metal helper with flashing lights",
    ),
    "poop": (
        "a brown swirly pile with eyes and a smile",
        "the brown stuff that comes out when you go number two",
        "a smelly brown swirl like soft ice cream",
    ),
    "monster": (
        "a scary beast hiding under the bed",
        "a big hairy beast with sharp teeth and horns",
        "a purple blob with fangs from a video game",
    ),
    "devil": (
        "a red face with two horns and a pointy tail",
        "a naughty red figure with a pitchfork and horns",
        "a grinning purple face with two horns",
    ),
    "baby": (
        "a tiny person in a nappy with a dummy",
        "a very young child who crawls and cries",
        "a little one who drinks from a bottle",
    ),
    "angel": (
        "a figure with white wings and a halo",
        "a heavenly being with a golden ring above its head",
        "someone with feathery wings and a harp",
    ),
    "wizard": (
        "an old man with a pointy hat who casts spells",
        "a spell caster with a staff and starry robes",
        "someone like merlin who does magic",
    ),
    "fairy": (
        "a tiny person with sparkly wings and a wand",
        "a little winged girl who grants wishes",
        "a tiny magical flier from the bottom of the garden",
    ),
    "mermaid": (
        "a girl with a fish tail who lives in the sea",
        "half girl half fish with long hair",
        "a sea maiden who sings to sailors",
    ),
    "superhero": (
        "someone with super powers and a mask",
        "a masked crime fighter who flies",
        "a strong person in a costume with an emblem on their chest",
    ),
    "princess": (
        "a king's daughter in a pretty gown",
        "a girl in a tiara who lives in a castle",
        "a royal girl in a ball gown from fairy tales",
    ),
    "prince": (
        "a royal boy who rides a white horse to the rescue",
        "a charming young man in a castle who will one day rule",
        "the royal son of a queen",
    ),
    "santa": (
        "a jolly man with a white beard in a red suit",
        "the man who brings presents down the chimney on christmas eve",
        "someone who rides a sleigh pulled by reindeer",
    ),
    "vampire": (
        "a pale man with fangs and a black cape",
        "a spooky figure that drinks blood and sleeps in a coffin",
        "someone who turns into a bat at night",
    ),
    "zombie": (
        "a green monster that walks slowly with arms out",
        "a spooky figure that groans and wants brains",
        "a rotting person rising from a grave",
    ),
    "genie": (
        "a blue magical being who comes out of a lamp",
        "a magic spirit that grants three wishes",
        "someone who lives in a bottle and grants wishes",
    ),
    "elf": (
        "a small helper in green who works for santa",
        "a little person with pointed ears and a green hat",
        "a tiny worker in santa's toy workshop",
    ),
    "ninja": (
        "a warrior in black who moves silently",
        "a masked fighter from japan with throwing stars",
        "a sneaky fighter dressed all in black",
    ),
    "police officer": (
        "someone in a blue uniform who catches robbers",
        "someone with a badge who keeps us safe",
        "a uniformed helper who directs traffic",
    ),
    "detective": (
        "someone in a deerstalker hat who looks for clues",
        "a clever investigator like sherlock holmes",
        "someone who finds out who did the crime",
    ),
    "heart": (
        "the red shape that means you care",
        "a red symbol on cards for someone special",
        "the organ that pumps blood drawn as a red shape",
    ),
    "eyes": (
        "two round things you see with",
        "a pair of peepers with black pupils",
        "two white eyeballs glancing to the side",
    ),
    "tooth": (
        "something white that falls out and goes under your pillow",
        "a white thing in your mouth you chew with",
        "a white thing in your mouth that you brush",
    ),
    "brain": (
        "the pink wrinkly thing inside your head",
        "the squishy organ you think with",
        "the wrinkly pink organ that controls your body",
    ),
    "bone": (
        "a white thing a dog likes to chew and bury",
        "a hard white part of your skeleton",
        "a white stick with knobbly ends that dogs love",
    ),
    "thumbs up": (
        "a fist with the thumb pointing up",
        "a hand sign that means okay and great",
        "a hand with its thumb raised to say nice work",
    ),
    "waving hand": (
        "a hand moving side to side to greet someone",
        "an open palm flapping to say see you later",
        "a raised hand saying hiya to a friend",
    ),
    "clapping hands": (
        "two palms smacking together at the end of a show",
        "two hands slapping together to cheer",
        "hands meeting over and over after a great show",
    ),
    "muscle": (
        "a bent arm showing a big bicep",
        "a bulging arm like a bodybuilder's",
        "an arm curled up to show off its power",
    ),
    "footprints": (
        "tracks of toes and heels in the sand",
        "a trail of prints someone walked in the mud",
        "the shapes your toes leave in wet sand",
    ),
    "t-shirt": (
        "a short-sleeved thing you pull over your head",
        "something with short sleeves that you wear in summer",
        "a cotton piece of clothing with a picture on the front",
    ),
    "jeans": (
        "blue legwear with pockets and a zip",
        "blue cotton clothes for your legs with rivets",
        "the tough blue things cowboys wear on their legs",
    ),
    "dress": (
        "something girls wear that goes from the shoulders to the knees",
        "a one-piece outfit with a skirt",
        "a pretty outfit with a twirly skirt",
    ),
    "sneaker": (
        "a shoe you wear for running",
        "a bouncy rubber-soled shoe with laces for sport",
        "a comfy shoe for the gym",
    ),
    "boot": (
        "a tall shoe for splashing in puddles",
        "a shoe that covers your ankle for muddy walks",
        "a heavy tall shoe for the snow",
    ),
    "sock": (
        "something you wear on your foot inside a shoe",
        "a soft woolly thing that goes on your foot",
        "a cotton foot cover that always goes missing in the wash",
    ),
    "scarf": (
        "a long strip of wool you wrap around your neck",
        "something warm and stripy for your neck in winter",
        "a knitted neck warmer with tassels",
    ),
    "gloves": (
        "things with fingers that keep your hands warm in winter",
        "woolly hand warmers for snowy days",
        "a pair of things you wear on your hands",
    ),
    "coat": (
        "something warm you put on to go out in the cold",
        "a long warm thing with buttons you wear outside",
        "the warm thing you hang on a peg at school",
    ),
    "top hat": (
        "a fancy black hat that a rabbit is pulled out of",
        "a smart black cylinder for a gentleman's head",
        "the hat a ringmaster wears with a tailcoat",
    ),
    "cap": (
        "a hat with a peak at the front",
        "a sporty hat with a brim to shade your eyes",
        "a hat people wear backwards for sports",
    ),
    "crown": (
        "a golden thing with jewels that a king wears on his head",
        "a gold ring with points for royalty",
        "a jewelled headpiece for a queen",
    ),
    "glasses": (
        "things you wear on your nose to see better",
        "two lenses in a frame that help you read",
        "the frames you wear when your eyes need help",
    ),
    "sunglasses": (
        "dark lenses that protect your eyes from the sun",
        "black glasses you wear at the beach",
        "cool dark specs for sunny days",
    ),
    "backpack": (
        "a bag with two straps you carry on your back",
        "something you take to school on your back with books inside",
        "a bag for hiking worn over both shoulders",
    ),
    "balloon": (
        "a rubber thing you blow up that floats on a string",
        "a round bag of air that pops",
        "a floating red ball on a string at parties",
    ),
    "gift": (
        "a box wrapped in paper with a bow on top",
        "something wrapped up you get on your birthday",
        "a surprise box with a ribbon to unwrap",
    ),
    "teddy bear": (
        "a furry toy bear you cuddle in bed",
        "a soft brown toy with button eyes",
        "a fluffy toy you hug at bedtime",
    ),
    "kite": (
        "a diamond-shaped toy that flies on a string in the wind",
        "something with a long tail you fly on a windy day",
        "a paper toy that soars high on a string at the beach",
    ),
    "yo-yo": (
        "a round toy you flick down and it climbs back up",
        "two discs joined in the middle on a cord",
        "a toy you do tricks with like walk the dog",
    ),
    "puzzle": (
        "lots of wiggly pieces that fit together to make a picture",
        "a picture cut into pieces you put back together",
        "a brain teaser with interlocking bits",
    ),
    "dice": (
        "a cube with dots on each side for board games",
        "a little white cube you roll to move in games",
        "something with six sides you throw to get a number",
    ),
    "crystal ball": (
        "a glass sphere that shows the future",
        "a glowing purple globe on a stand that sees the future",
        "a round glass thing a mystic gazes into",
    ),
    "magic wand": (
        "a stick with a star on the end for casting spells",
        "a little stick a magician waves to do tricks",
        "a sparkly stick for making spells",
    ),
    "book": (
        "something with pages and a cover that you read",
        "lots of pages with a story inside",
        "a thing from the library you open to read",
    ),
    "pencil": (
        "a wooden stick with lead for writing",
        "a yellow stick with a rubber on the end you write with",
        "something you sharpen to draw with",
    ),
    "crayon": (
        "a waxy coloured stick for colouring",
        "a stubby stick of colour for drawing",
        "a colourful wax stick kids draw with",
    ),
    "paintbrush": (
        "a stick with bristles for painting pictures",
        "something with soft hairs you dip in paint",
        "a tool artists use to spread colours",
    ),
    "paint palette": (
        "a board with blobs of colour that artists hold",
        "a wooden board with a thumb hole and dabs of colour",
        "the board a painter mixes colours on",
    ),
    "scissors": (
        "two crossed blades with handles for your fingers",
        "the things you use to cut out shapes in craft",
        "a sharp tool with two blades that open and close",
    ),
    "ruler": (
        "a straight stick with numbers for drawing lines",
        "a flat strip with centimetres for measuring",
        "something you use to draw straight lines",
    ),
    "paperclip": (
        "a bent bit of wire that holds sheets together",
        "a little metal loop that keeps pages together",
        "a silver wire clip for paper",
    ),
    "ring": (
        "a gold band you wear on your finger",
        "a shiny circle with a jewel you put on your finger",
        "something a bride gets at her wedding",
    ),
    "gem": (
        "a sparkly blue stone cut with many sides",
        "a shiny precious stone in a treasure chest",
        "a glittering blue stone like a sapphire",
    ),
    "key": (
        "a metal thing you turn in a lock to open a door",
        "a small metal thing with teeth on a keyring",
        "the thing you need to unlock the front door",
    ),
    "padlock": (
        "a metal fastener with a curved shackle you open with a key",
        "something that keeps a gate or locker shut",
        "a heavy metal clasp on a bike chain",
    ),
    "bell": (
        "a golden metal thing that goes ding dong",
        "something that rings when you shake it",
        "a metal cup shape that chimes at church",
    ),
    "light bulb": (
        "a glass thing that glows when you switch it on",
        "something glowing above your head when you think of something",
        "a glass ball with a wire inside that lights a room",
    ),
    "candle": (
        "a wax stick with a little flame on top",
        "something you light on a birthday cake",
        "a stick of wax that glows when lit",
    ),
    "flashlight": (
        "a battery-powered light you switch on",
        "a handheld lamp for camping with a beam",
        "something you shine under your chin for spooky stories",
    ),
    "magnet": (
        "a red u-shaped thing that pulls metal",
        "something that sticks to the fridge and picks up pins",
        "a red and silver horseshoe that attracts iron",
    ),
    "hammer": (
        "a tool for banging in nails",
        "a heavy-headed tool a builder swings",
        "something with a handle and a metal head for hitting nails",
    ),
    "wrench": (
        "a metal tool for turning nuts and bolts",
        "a tool a plumber uses to tighten pipes",
        "a silver tool with an open jaw for bolts",
    ),
    "toolbox": (
        "a red case for keeping hammers and screwdrivers",
        "a box with a handle full of tools",
        "a case a builder carries with tools inside",
    ),
    "ladder": (
        "two long sides with rungs that you climb",
        "something you climb to reach the roof",
        "a climbing frame with steps to paint high walls",
    ),
    "alarm clock": (
        "a ringing thing by your bed that wakes you up",
        "a round timer with two bells on top that rings at dawn",
        "something that rings loudly to get you up for school",
    ),
    "watch": (
        "a small thing on your wrist that tells the time",
        "a strap with a little clock face you wear",
        "something on your arm you look at to be on time",
    ),
    "hourglass": (
        "two glass bulbs with sand trickling through",
        "a glass timer where sand falls from top to bottom",
        "an old way to measure time with falling sand",
    ),
    "phone": (
        "something you call your friends on",
        "a handheld screen for texting and calling",
        "a gadget in your pocket that rings",
    ),
    "computer": (
        "something you type on to browse the internet",
        "a desktop machine with a mouse for doing homework",
        "an electronic machine for games and emails and websites",
    ),
    "television": (
        "a box with a screen for watching cartoons",
        "something in the living room you watch shows on",
        "a big screen with a remote control",
    ),
    "camera": (
        "something you use to take pictures",
        "a gadget with a lens that clicks and flashes",
        "a black box with a lens for snapping photos",
    ),
    "video game": (
        "something with buttons and a joystick for playing games",
        "a handheld thing with buttons for playing on a console",
        "a game you play on a screen with a joypad",
    ),
    "envelope": (
        "a paper pocket you put a card in and stamp",
        "a folded paper holder with a stamp in the corner",
        "the paper cover you seal and send through the postbox",
    ),
    "parcel": (
        "a package wrapped in brown paper and string",
        "something the postman delivers to your door",
        "a taped-up package sent in the post",
    ),
    "trophy": (
        "a shiny golden cup you win",
        "a golden cup with handles for the winning team",
        "a shiny cup on a stand for first place",
    ),
    "medal": (
        "a gold disc on a ribbon for first place",
        "something shiny you wear round your neck after winning",
        "a gold circle on a ribbon from the olympics",
    ),
    "bed": (
        "something soft with a pillow and duvet where you sleep",
        "the place you lie down to sleep at night",
        "a frame with a mattress and blankets",
    ),
    "chair": (
        "something with four legs and a back that you sit on",
        "a seat at the dinner table",
        "a piece of furniture for sitting",
    ),
    "door": (
        "a wooden panel with a handle and hinges",
        "something you knock on that has a knob",
        "the thing you shut behind you with a handle",
    ),
    "toilet": (
        "the seat in the bathroom you flush",
        "a white bowl you sit on and flush",
        "the thing you sit on when you need a wee",
    ),
    "bathtub": (
        "a long white basin you fill with water to wash in",
        "something you sit in full of bubbles with a rubber duck",
        "a big bathroom basin with taps",
    ),
    "soap": (
        "something you wash your hands with that makes bubbles",
        "a slippery bar that makes suds",
        "a bubbly block for washing",
    ),
    "toothbrush": (
        "a small brush for cleaning your teeth",
        "a stick with bristles you use with toothpaste",
        "the thing you scrub your teeth with every morning",
    ),
    "broom": (
        "a long stick with bristles for sweeping the floor",
        "the thing a witch flies on",
        "a brush on a pole for cleaning up dust",
    ),
    "basket": (
        "a woven container with a handle",
        "something woven from wicker to carry a picnic",
        "a wicker holder for eggs or apples",
    ),
    "bucket": (
        "a container with a handle for carrying water",
        "something you fill with sand to make castles",
        "a plastic tub with a handle for the beach",
    ),
    "shopping cart": (
        "a metal basket on wheels at the supermarket",
        "something you push around the shop to carry food",
        "a wheeled cage you fill with groceries",
    ),
    "microscope": (
        "a tool for looking at very tiny things",
        "a lab instrument that makes germs look big",
        "something scientists look through to see cells",
    ),
    "test tube": (
        "a thin glass container in a rack in the lab",
        "a narrow glass vial with coloured liquid for chemistry",
        "a glass cylinder a chemist fills with bubbling liquid",
    ),
    "magnifying glass": (
        "a round lens with a handle that makes things bigger",
        "something you look through to see bugs up close",
        "a handheld lens that detectives use",
    ),
    "compass": (
        "a thing with a needle that always points north",
        "a tool that helps explorers find their way",
        "a round dial with a spinning needle for hikers",
    ),
    "map": (
        "a drawing of places that shows you the way",
        "a paper with an x that marks where treasure is",
        "a folded paper with roads and rivers drawn on it",
    ),
    "anchor": (
        "a heavy metal hook dropped to stop a ship",
        "a heavy thing on a chain that keeps a boat still",
        "a sailor's symbol shaped like an upside-down t with hooks",
    ),
    "shield": (
        "a metal plate a knight holds to block swords",
        "something a warrior holds up to stop arrows",
        "a crest-shaped guard with a coat of arms",
    ),
    "question mark": (
        "a curly hook with a dot underneath",
        "the punctuation sign at the end of asking something",
        "a red squiggle and dot that means i don't know",
    ),
    "guitar": (
        "an instrument with six strings that you strum",
        "a wooden instrument with strings and a long neck",
        "something rock stars play with a pick",
    ),
    "piano": (
        "a large instrument you play by pressing black and white bars",
        "a big wooden instrument you play sitting on a bench",
        "an instrument with eighty-eight black and white ivories",
    ),
    "drum": (
        "something you bang with sticks to keep the beat",
        "a round instrument you hit with sticks",
        "a loud instrument that goes boom boom",
    ),
    "trumpet": (
        "a shiny gold instrument with three valves",
        "a loud instrument that plays a fanfare",
        "a golden instrument you play by buzzing your lips",
    ),
    "violin": (
        "a wooden instrument you play with a bow under your chin",
        "a small stringed instrument held on your shoulder",
        "an orchestra instrument you stroke with a bow",
    ),
    "saxophone": (
        "a curved golden instrument used in jazz",
        "a shiny curvy instrument with lots of keys",
        "a bendy brass instrument that plays smooth jazz",
    ),
    "microphone": (
        "something you speak into to make your voice loud",
        "a thing singers hold on stage",
        "a gadget on a stand that carries your voice to speakers",
    ),
    "headphones": (
        "things you wear over your ears to listen to music",
        "two speakers on a band over your head",
        "something that lets you hear songs without anyone else hearing",
    ),
    "music": (
        "the sound of instruments playing together",
        "sounds you dance and sing along to",
        "black quavers on lines that show how to play",
    ),
    "radio": (
        "a box you listen to for news and music",
        "something with an aerial that plays stations",
        "a gadget you tune to hear a dj",
    ),
    "banjo": (
        "a round stringed instrument from country music",
        "a twangy instrument with a round drum body",
        "a string instrument played on a porch in the country",
    ),
    "accordion": (
        "an instrument you squeeze in and out with buttons",
        "a folding instrument with bellows and keys",
        "the instrument a french street player squeezes",
    ),
    "maracas": (
        "a pair of shaking instruments full of beads",
        "two colourful mexican instruments you shake",
        "a pair of gourds with beans inside for the beat",
    ),
    "flute": (
        "a silver instrument you hold sideways",
        "a shiny metal tube with holes and keys that whistles",
        "the sweet high instrument in an orchestra held to the side",
    ),
    "soccer ball": (
        "a black and white ball you kick into a goal",
        "a ball with hexagon patches for the pitch",
        "the ball players kick in the world cup",
    ),
    "basketball": (
        "an orange ball you bounce and throw through a net",
        "a big orange ball with black lines for dunking",
        "a bouncy ball shot into a high net",
    ),
    "baseball": (
        "a small white ball with red stitches",
        "the ball you hit with a bat and run round bases",
        "a hard ball a pitcher throws",
    ),
    "american football": (
        "a brown pointy ball with white laces",
        "an oval leather ball thrown in the super bowl",
        "a pointed egg-shaped ball players in helmets throw",
    ),
    "rugby ball": (
        "an oval ball you pass backwards",
        "a big egg-shaped ball for scrums",
        "a white oval ball kicked over tall h-shaped posts",
    ),
    "tennis ball": (
        "a fuzzy yellow ball hit with a racket",
        "a bright green furry ball for the court",
        "a small fluffy ball that dogs love to chase",
    ),
    "volleyball": (
        "a white ball hit over a high net with your hands",
        "a light ball with curved panels for the beach",
        "a ball you bump and spike over a net",
    ),
    "bowling": (
        "a heavy ball rolled down a lane to knock down pins",
        "white pins knocked over by a heavy ball",
        "a game of knocking over ten pins with a heavy ball",
    ),
    "ping pong": (
        "a little white ball and paddles over a net on a table",
        "small round bats and a light ball on a green table",
        "a tiny bouncy ball hit across a table",
    ),
    "badminton": (
        "a game where you hit a feathered cone over a high net",
        "a sport with light rackets and a feathery thing",
        "a garden game of hitting a feather cone back and forth",
    ),
    "hockey": (
        "a sport on ice with curved sticks and a black disc",
        "a game where players hit a ball with a hooked stick",
        "a fast team game on ice with skates and sticks",
    ),
    "golf": (
        "a sport where you hit a small ball into a hole",
        "a flag on a green with a little dimpled ball",
        "a game with clubs and eighteen holes",
    ),
    "ice skate": (
        "a boot with a blade for gliding on ice",
        "a white boot with a sharp metal blade",
        "the boot you wear to twirl on a frozen rink",
    ),
    "skis": (
        "two long thin boards for sliding down snowy mountains",
        "long planks strapped to boots for the slopes",
        "a pair of boards and poles for a snowy holiday",
    ),
    "boxing glove": (
        "a big padded red mitten for fighting in a ring",
        "a puffy red hand cover worn in the ring",
        "a padded red fist worn by fighters",
    ),
    "target": (
        "a red and white circle of rings to aim at",
        "rings with a red bullseye in the middle",
        "something you shoot arrows at",
    ),
    "fishing": (
        "a rod and line for catching fish at the lake",
        "sitting by a river waiting for a fish to bite",
        "casting a hook with a worm into a pond",
    ),
    "swimmer": (
        "a person doing front crawl in the pool",
        "someone in goggles and a cap moving through water",
        "a person splashing up and down lanes doing lengths",
    ),
    "surfer": (
        "a person riding a big wave on a board",
        "someone balancing on a board at the beach",
        "someone in a wetsuit catching waves",
    ),
    "house": (
        "a building with a roof and a door and windows",
        "the building you live in with a chimney and a garden",
        "the place with your bedroom and front door",
    ),
    "castle": (
        "a stone building with towers and a drawbridge",
        "the place where kings and knights lived with a moat",
        "a big old building with turrets and flags",
    ),
    "school": (
        "a building where children learn from teachers",
        "the place you go to learn with a playground",
        "a place where you have lessons and a headteacher",
    ),
    "hospital": (
        "a big building where nurses look after sick people",
        "the place an ambulance takes you",
        "the place you go when you break your arm",
    ),
    "tent": (
        "a cloth shelter you sleep in when camping",
        "a shelter with poles and pegs for camping",
        "a triangle-shaped shelter at a campsite",
    ),
    "circus": (
        "a show in a striped tent with clowns and acrobats",
        "a place with jugglers and trapeze artists and a ringmaster",
        "a travelling show under a red and white tent",
    ),
    "ferris wheel": (
        "a giant turning wheel with seats at the fair",
        "a huge round ride that takes you slowly up high",
        "the tall spinning ride at the funfair with little cabins",
    ),
    "roller coaster": (
        "a fast ride with loops and steep drops",
        "a train of cars that zooms up and down twisting tracks",
        "a scary ride at a funfair that goes upside down",
    ),
    "carousel": (
        "a fairground ride with horses that go up and down",
        "a spinning ride with painted horses and music",
        "a round platform with wooden horses on poles",
    ),
    "fountain": (
        "water shooting up into the air in a park",
        "a stone pool with water spraying where you throw coins",
        "something in the town square that splashes water",
    ),
    "city": (
        "a big place with busy streets and millions of people",
        "a crowded place with offices and traffic lights",
        "a place like london or new york",
    ),
    "factory": (
        "a building with chimneys where things are made",
        "a big building where workers make cars",
        "a place with smoking chimneys and machines",
    ),
    "church": (
        "a building with a steeple where people pray",
        "a building with a bell tower and stained glass",
        "the place where people get married and sing hymns",
    ),
    "stadium": (
        "a huge round building where crowds watch sport",
        "a big place with thousands of seats around a pitch",
        "the place you watch a football match with a big crowd",
    ),
    "statue of liberty": (
        "a giant green lady holding a torch in new york",
        "a huge green statue with a crown and a torch",
        "the famous green figure in new york harbour",
    ),
    "party popper": (
        "a cone that bangs and shoots out streamers",
        "a little tube you pull to burst confetti",
        "a popping cone full of paper strips",
    ),
    "fireworks": (
        "colourful bangs and sparkles in the night sky",
        "rockets that explode into colours in the sky",
        "loud bursts of light on new year's eve",
    ),
    "pumpkin": (
        "a big orange vegetable you carve a face into",
        "a round orange squash that cinderella's coach came from",
        "an orange gourd you grow for autumn pies",
    ),
    "ribbon": (
        "a long strip of shiny fabric tied on presents",
        "a red satin strip tied in loops",
        "a pretty strip of cloth for tying hair",
    ),
    "sparkles": (
        "little yellow stars that twinkle",
        "three yellow glints that mean something is magic",
        "bright little flashes that shine like magic",
    ),
}
# fmt: on
