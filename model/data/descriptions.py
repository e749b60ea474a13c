"""Things described rather than named, as a child would ("a small yellow fruit that monkeys love").

These are held out: no training caption is drawn from them, so they test whether a model reads a
description of a thing it knows by name. Each avoids the thing's name and every synonym of it.
"""

# fmt: off
HELD_OUT_DESCRIPTIONS: dict[str, str] = {
    "dog": "a pet that barks and wags its tail",
    "tiger": "a big orange cat with black stripes",
    "chick": "a fluffy baby bird that just hatched",
    "flamingo": "a tall bird that stands on one leg",
    "goat": "a farm animal with horns and a little beard",
    "bat": "a flying animal that sleeps upside down",
    "dinosaur": "a huge reptile that lived long ago",
    "octopus": "a sea animal with eight arms",
    "ladybug": "a little red beetle with black spots",
    "lemon": "a sour yellow fruit",
    "blueberry": "a tiny round blue fruit",
    "mushroom": "a fungus with a cap that grows in the forest",
    "bacon": "crispy strips of meat for breakfast",
    "rice": "a bowl of small white grains",
    "candy": "a sweet treat in a twisted wrapper",
    "taxi": "a yellow car you pay to ride in",
    "motorcycle": "a bike with an engine",
    "canoe": "a small boat you paddle",
    "shooting star": "a star flying across the night sky",
    "storm": "dark clouds with rain and lightning",
    "thermometer": "a tool that tells how hot it is",
    "rose": "a red flower with thorns",
    "seashell": "something you find on the beach from the sea",
    "sad face": "a face that looks unhappy",
    "winking face": "a face with one eye closed",
    "skull": "the bones of a head",
    "superhero": "a person in a cape who saves the day",
    "detective": "a person with a magnifying glass who solves mysteries",
    "footprints": "marks left by feet",
    "top hat": "a tall black hat a magician wears",
    "yo-yo": "a toy that spins up and down on a string",
    "scissors": "a tool for cutting paper",
    "flashlight": "a light you carry in the dark",
    "computer": "a machine with a screen and a keyboard",
    "door": "you open it to go into a room",
    "test tube": "a glass tube for science experiments",
    "trumpet": "a brass instrument you blow into",
    "flute": "a long thin instrument you blow across",
    "badminton": "a racket and a shuttlecock",
    "house": "a building where a family lives",
    "city": "lots of tall buildings together",
    "banana": "a small yellow fruit that monkeys love",
}
# fmt: on
